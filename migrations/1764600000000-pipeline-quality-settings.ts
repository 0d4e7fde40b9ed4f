import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A pipeline's quality settings: expectation overrides, freshness and cross-table sources. */
export class PipelineQualitySettings1764600000000 implements MigrationInterface {
  name = 'PipelineQualitySettings1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE pipelines ADD COLUMN quality jsonb NOT NULL DEFAULT '{"expectations": []}'::jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE pipelines DROP COLUMN quality`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Column mappings of pipelines whose files are in no known layout. A `proposed` row is what the
 * profiler proposed when a run stopped (one per run); an `accepted` row is a version a person
 * confirmed (1, 2, ... per pipeline), and runs read files by the newest. Column names and
 * confidence figures only: nothing of a file's values.
 */
export class PipelineMappings1765400000000 implements MigrationInterface {
  name = 'PipelineMappings1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pipeline_mappings (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        pipeline_id uuid NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('proposed', 'accepted')),
        version integer CHECK ((kind = 'accepted') = (version IS NOT NULL) AND (version IS NULL OR version >= 1)),
        columns jsonb NOT NULL,
        proposal jsonb,
        run_id uuid,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pipeline_mappings_version_key UNIQUE (pipeline_id, version),
        CONSTRAINT pipeline_mappings_run_key UNIQUE (run_id)
      )`);
    await queryRunner.query(`CREATE INDEX pipeline_mappings_pipeline_idx ON pipeline_mappings (tenant_id, pipeline_id, kind, id)`);
    await enableTenantRls(queryRunner, 'pipeline_mappings');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRls(queryRunner, 'pipeline_mappings');
    await queryRunner.query(`DROP TABLE pipeline_mappings`);
  }
}

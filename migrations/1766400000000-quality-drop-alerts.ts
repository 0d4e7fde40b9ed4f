import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A third quality alert: a run whose overall score fell by more than `max_drop` from the table's
 * previous run (`quality_dropped`). A table's thresholds row gains the setting; a table without a
 * row is judged by the platform's defaults (apps/control-plane/src/quality/alert-rules.ts).
 */
export class QualityDropAlerts1766400000000 implements MigrationInterface {
  name = 'QualityDropAlerts1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE alert_thresholds ADD COLUMN max_drop double precision CHECK (max_drop > 0 AND max_drop <= 1)`);
    await queryRunner.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await queryRunner.query(`
      ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (
        (kind IN ('quality_below_threshold', 'anomaly_above_threshold', 'quality_dropped') AND table_name IS NOT NULL AND run_id IS NOT NULL AND user_id IS NULL)
        OR (kind = 'session_token_reused' AND user_id IS NOT NULL AND table_name IS NULL AND run_id IS NULL)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM alerts WHERE kind = 'quality_dropped'`);
    await queryRunner.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await queryRunner.query(`
      ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (
        (kind IN ('quality_below_threshold', 'anomaly_above_threshold') AND table_name IS NOT NULL AND run_id IS NOT NULL AND user_id IS NULL)
        OR (kind = 'session_token_reused' AND user_id IS NOT NULL AND table_name IS NULL AND run_id IS NULL)
      )`);
    await queryRunner.query(`ALTER TABLE alert_thresholds DROP COLUMN max_drop`);
  }
}

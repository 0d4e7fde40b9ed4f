import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tenant alert for a refresh token presented twice (reuse: its session was ended because either
 * its owner or a thief held a newer one). Alerts so far were about a table's run; this one is about
 * a user, so `table_name` and `run_id` become optional and `user_id` names the user. A check keeps
 * each kind's shape: quality alerts have a table and a run, session alerts a user. No foreign key
 * to users: the alert outlives the user's removal, as the audit chain does.
 */
export class SessionAlerts1765900000000 implements MigrationInterface {
  name = 'SessionAlerts1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE alerts ALTER COLUMN table_name DROP NOT NULL, ALTER COLUMN run_id DROP NOT NULL, ADD COLUMN user_id uuid`);
    await queryRunner.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await queryRunner.query(`
      ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (
        (kind IN ('quality_below_threshold', 'anomaly_above_threshold') AND table_name IS NOT NULL AND run_id IS NOT NULL AND user_id IS NULL)
        OR (kind = 'session_token_reused' AND user_id IS NOT NULL AND table_name IS NULL AND run_id IS NULL)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM alerts WHERE kind = 'session_token_reused'`);
    await queryRunner.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await queryRunner.query(`ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('quality_below_threshold', 'anomaly_above_threshold'))`);
    await queryRunner.query(`ALTER TABLE alerts DROP COLUMN user_id, ALTER COLUMN table_name SET NOT NULL, ALTER COLUMN run_id SET NOT NULL`);
  }
}

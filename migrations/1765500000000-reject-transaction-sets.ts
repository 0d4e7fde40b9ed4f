import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS_BEFORE = ['retry', 'retry_smaller_batch', 'quarantine_file', 'fail_fast', 'give_up'];
const ACTIONS = [...ACTIONS_BEFORE, 'reject_transaction_sets'];

const checkSql = (actions: readonly string[]) => `CHECK (action IN (${actions.map((action) => `'${action}'`).join(', ')}))`;

/**
 * An X12 file whose broken transaction sets were rejected while the rest landed is an incident of
 * its own kind, `reject_transaction_sets`: like a quarantined file it stays unresolved until a
 * corrected file is sent.
 */
export class RejectTransactionSets1765500000000 implements MigrationInterface {
  name = 'RejectTransactionSets1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE incidents DROP CONSTRAINT incidents_action_check');
    await queryRunner.query(`ALTER TABLE incidents ADD CONSTRAINT incidents_action_check ${checkSql(ACTIONS)}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE incidents DROP CONSTRAINT incidents_action_check');
    // Incidents recorded with the new action stay as they are; only new rows are held to the old list.
    await queryRunner.query(`ALTER TABLE incidents ADD CONSTRAINT incidents_action_check ${checkSql(ACTIONS_BEFORE)} NOT VALID`);
  }
}

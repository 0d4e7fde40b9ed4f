import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the data plane's healing and drift handling report back: incidents, drift, schema versions. */
export class IncidentsAndSchemaDrift1764500000000 implements MigrationInterface {
  name = 'IncidentsAndSchemaDrift1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE pipeline_runs ADD COLUMN files_quarantined int NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        run_id uuid NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
        pipeline_id uuid REFERENCES pipelines (id) ON DELETE SET NULL,
        attempt int NOT NULL,
        failure_class text NOT NULL CHECK (failure_class IN ('transient', 'schema', 'data', 'resource', 'configuration', 'unknown')),
        error_code text NOT NULL,
        error_message text NOT NULL,
        action text NOT NULL CHECK (action IN ('retry', 'retry_smaller_batch', 'quarantine_file', 'fail_fast', 'give_up')),
        file text,
        outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'resolved', 'unresolved')),
        occurred_at timestamptz NOT NULL,
        settled_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX incidents_tenant_pipeline_idx ON incidents (tenant_id, pipeline_id, occurred_at DESC)`);
    await queryRunner.query(`CREATE INDEX incidents_run_idx ON incidents (run_id)`);
    await queryRunner.query(`
      CREATE TABLE schema_drift_events (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        pipeline_id uuid REFERENCES pipelines (id) ON DELETE SET NULL,
        run_id uuid NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
        file text NOT NULL,
        table_name text NOT NULL,
        mode text NOT NULL,
        decision text NOT NULL,
        fingerprint text NOT NULL,
        previous_fingerprint text,
        changes jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT schema_drift_events_once UNIQUE (run_id, file, fingerprint)
      )`);
    await queryRunner.query(`CREATE INDEX schema_drift_events_tenant_pipeline_idx ON schema_drift_events (tenant_id, pipeline_id, occurred_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE schema_versions (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        pipeline_id uuid NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
        fingerprint text NOT NULL,
        columns jsonb NOT NULL,
        first_run_id uuid NOT NULL,
        first_seen_at timestamptz NOT NULL,
        PRIMARY KEY (pipeline_id, fingerprint)
      )`);
    await queryRunner.query(`CREATE INDEX schema_versions_tenant_idx ON schema_versions (tenant_id, pipeline_id, first_seen_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE schema_versions`);
    await queryRunner.query(`DROP TABLE schema_drift_events`);
    await queryRunner.query(`DROP TABLE incidents`);
    await queryRunner.query(`ALTER TABLE pipeline_runs DROP COLUMN files_quarantined`);
  }
}

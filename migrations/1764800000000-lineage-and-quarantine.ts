import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lineage edges the worker records for each run, quarantined row counts by rule, and requests to
 * release quarantined rows. Names, counts and rule ids only: never a row value (no PHI).
 */
export class LineageAndQuarantine1764800000000 implements MigrationInterface {
  name = 'LineageAndQuarantine1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE lineage_edges (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        run_id uuid NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
        pipeline_id uuid REFERENCES pipelines (id) ON DELETE SET NULL,
        attempt int NOT NULL,
        source_kind text NOT NULL CHECK (source_kind IN ('file', 'table')),
        source_name text NOT NULL,
        target text NOT NULL,
        row_count bigint NOT NULL CHECK (row_count >= 0),
        recorded_at timestamptz NOT NULL,
        CONSTRAINT lineage_edges_once UNIQUE (tenant_id, run_id, source_kind, source_name, target)
      )`);
    await queryRunner.query(`CREATE INDEX lineage_edges_tenant_target_idx ON lineage_edges (tenant_id, target)`);
    await queryRunner.query(`CREATE INDEX lineage_edges_tenant_source_idx ON lineage_edges (tenant_id, source_name) WHERE source_kind = 'table'`);
    // What a run's quality stage quarantined: one row per drop rule, and the run's distinct row total
    // (a row can fail several rules, so the rule counts do not add up to it).
    await queryRunner.query(`
      CREATE TABLE quarantine_run_totals (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        run_id uuid NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
        pipeline_id uuid REFERENCES pipelines (id) ON DELETE SET NULL,
        table_name text NOT NULL,
        attempt int NOT NULL,
        quarantined bigint NOT NULL CHECK (quarantined >= 0),
        measured_at timestamptz NOT NULL,
        PRIMARY KEY (run_id, table_name)
      )`);
    await queryRunner.query(`CREATE INDEX quarantine_run_totals_tenant_table_idx ON quarantine_run_totals (tenant_id, table_name)`);
    await queryRunner.query(`
      CREATE TABLE quarantine_counts (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        run_id uuid NOT NULL,
        table_name text NOT NULL,
        rule text NOT NULL,
        quarantined bigint NOT NULL CHECK (quarantined >= 0),
        PRIMARY KEY (run_id, table_name, rule),
        FOREIGN KEY (run_id, table_name) REFERENCES quarantine_run_totals (run_id, table_name) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX quarantine_counts_tenant_table_idx ON quarantine_counts (tenant_id, table_name)`);
    await queryRunner.query(`
      CREATE TABLE quarantine_releases (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        pipeline_id uuid REFERENCES pipelines (id) ON DELETE SET NULL,
        table_name text NOT NULL,
        filter jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'succeeded', 'failed')),
        examined bigint NOT NULL DEFAULT 0,
        released bigint NOT NULL DEFAULT 0,
        by_rule jsonb NOT NULL DEFAULT '[]'::jsonb,
        error_code text,
        error_message text,
        requested_by uuid,
        requested_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX quarantine_releases_tenant_table_idx ON quarantine_releases (tenant_id, table_name, requested_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE quarantine_releases`);
    await queryRunner.query(`DROP TABLE quarantine_counts`);
    await queryRunner.query(`DROP TABLE quarantine_run_totals`);
    await queryRunner.query(`DROP TABLE lineage_edges`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quality reports the worker measures per run and table, the anomalies found against each table's
 * history, alert thresholds and the alerts they raise, and webhook endpoints with their
 * deliveries. Aggregates, masked value shapes, column names and ids only: never a row value (no PHI).
 */
export class QualityAndAlerts1764700000000 implements MigrationInterface {
  name = 'QualityAndAlerts1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE quality_reports (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        run_id uuid NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
        pipeline_id uuid REFERENCES pipelines (id) ON DELETE SET NULL,
        attempt int NOT NULL,
        table_name text NOT NULL,
        measured_at timestamptz NOT NULL,
        rows_input bigint NOT NULL CHECK (rows_input >= 0),
        rows_silver bigint NOT NULL CHECK (rows_silver >= 0),
        rows_quarantined bigint NOT NULL CHECK (rows_quarantined >= 0),
        rows_warned bigint NOT NULL CHECK (rows_warned >= 0),
        rows_repaired bigint NOT NULL CHECK (rows_repaired >= 0),
        score_completeness double precision NOT NULL CHECK (score_completeness BETWEEN 0 AND 1),
        score_validity double precision NOT NULL CHECK (score_validity BETWEEN 0 AND 1),
        score_uniqueness double precision NOT NULL CHECK (score_uniqueness BETWEEN 0 AND 1),
        score_consistency double precision NOT NULL CHECK (score_consistency BETWEEN 0 AND 1),
        score_overall double precision NOT NULL CHECK (score_overall BETWEEN 0 AND 1),
        report jsonb NOT NULL,
        history_runs int NOT NULL DEFAULT 0,
        anomaly_checks jsonb NOT NULL DEFAULT '[]'::jsonb,
        anomaly_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quality_reports_run_table_key UNIQUE (tenant_id, run_id, table_name)
      )`);
    await queryRunner.query(`CREATE INDEX quality_reports_tenant_table_idx ON quality_reports (tenant_id, table_name, measured_at DESC)`);
    await queryRunner.query(`CREATE INDEX quality_reports_run_idx ON quality_reports (run_id)`);
    await queryRunner.query(`
      CREATE TABLE quality_anomalies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        report_id uuid NOT NULL REFERENCES quality_reports (id) ON DELETE CASCADE,
        run_id uuid NOT NULL,
        table_name text NOT NULL,
        measured_at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('volume', 'amount_shift', 'null_rate', 'new_providers')),
        column_name text,
        metric text NOT NULL,
        score double precision NOT NULL,
        value double precision NOT NULL,
        baseline_median double precision NOT NULL,
        baseline_mad double precision NOT NULL,
        baseline_runs int NOT NULL,
        message text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX quality_anomalies_report_idx ON quality_anomalies (report_id)`);
    await queryRunner.query(`CREATE INDEX quality_anomalies_tenant_table_idx ON quality_anomalies (tenant_id, table_name, measured_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE alert_thresholds (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        table_name text NOT NULL,
        min_quality double precision CHECK (min_quality BETWEEN 0 AND 1),
        max_anomaly double precision CHECK (max_anomaly > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT alert_thresholds_table_key UNIQUE (tenant_id, table_name)
      )`);
    await queryRunner.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        table_name text NOT NULL,
        run_id uuid NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
        pipeline_id uuid REFERENCES pipelines (id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('quality_below_threshold', 'anomaly_above_threshold')),
        detail jsonb NOT NULL,
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT alerts_dedupe_key UNIQUE (dedupe_key)
      )`);
    await queryRunner.query(`CREATE INDEX alerts_tenant_created_idx ON alerts (tenant_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX alerts_tenant_table_idx ON alerts (tenant_id, table_name, created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        url text NOT NULL,
        signing_secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_endpoints_tenant_key UNIQUE (tenant_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        alert_id uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_status_code int,
        last_error text,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_alert_key UNIQUE (alert_id)
      )`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_tenant_created_idx ON webhook_deliveries (tenant_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_endpoints`);
    await queryRunner.query(`DROP TABLE alerts`);
    await queryRunner.query(`DROP TABLE alert_thresholds`);
    await queryRunner.query(`DROP TABLE quality_anomalies`);
    await queryRunner.query(`DROP TABLE quality_reports`);
  }
}

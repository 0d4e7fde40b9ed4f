import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenants, users, pipelines and runs. Unqualified names: the connection's search_path picks the
 * schema, so one database can hold a deployment per schema (and each test suite its own).
 */
export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        slug text NOT NULL,
        name text NOT NULL,
        catalog_name text NOT NULL,
        catalog_status text NOT NULL CHECK (catalog_status IN ('provisioning', 'ready', 'failed')),
        catalog_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenants_slug_key UNIQUE (slug)
      )`);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        tenant_id uuid REFERENCES tenants (id) ON DELETE RESTRICT,
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('platform_operator', 'tenant_admin', 'tenant_viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_operator_has_no_tenant CHECK ((role = 'platform_operator') = (tenant_id IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX users_tenant_idx ON users (tenant_id)`);
    await queryRunner.query(`
      CREATE TABLE pipelines (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        name text NOT NULL,
        data_type text NOT NULL,
        source_path text NOT NULL,
        source_format text NOT NULL,
        target_table text NOT NULL,
        schedule text,
        options jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pipelines_tenant_name_key UNIQUE (tenant_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE pipeline_runs (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        pipeline_id uuid REFERENCES pipelines (id) ON DELETE SET NULL,
        pipeline_name text NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('manual', 'schedule')),
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        attempt int NOT NULL DEFAULT 0,
        target_table text NOT NULL,
        bronze_table text,
        rows_loaded bigint NOT NULL DEFAULT 0,
        files_loaded int NOT NULL DEFAULT 0,
        files_skipped int NOT NULL DEFAULT 0,
        error_code text,
        error_message text,
        requested_by uuid,
        queued_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        duration_ms int
      )`);
    await queryRunner.query(`CREATE INDEX pipeline_runs_tenant_pipeline_idx ON pipeline_runs (tenant_id, pipeline_id, queued_at DESC)`);
    await queryRunner.query(`CREATE INDEX pipeline_runs_tenant_queued_idx ON pipeline_runs (tenant_id, queued_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE pipeline_runs`);
    await queryRunner.query(`DROP TABLE pipelines`);
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP TABLE tenants`);
  }
}

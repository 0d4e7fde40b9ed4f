import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Table exports (`ade export`): a request to write one of a tenant's silver or gold tables (or a
 * quarantine table) to the tenant's own storage through one of its connectors, and what the
 * worker reported back: a row count, the file's size and SHA-256, never a row.
 *
 * The foreign key to the connector is composite (tenant_id, connector_id), like checks' and
 * pipelines', so an export can only ever name a connector of its own tenant. It is ON DELETE
 * CASCADE: deleting a connector deletes its export history with it, as it does its checks (the
 * export's own audit trail, the POST and the credentials released for it, stays in the audit
 * chain). An export still queued when its connector goes is then gone too; the worker's request
 * for the credentials is answered 404 and its events change nothing.
 */
export class TableExports1765800000000 implements MigrationInterface {
  name = 'TableExports1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE table_exports (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        connector_id uuid NOT NULL,
        table_name text NOT NULL,
        path text NOT NULL,
        format text NOT NULL CHECK (format IN ('parquet', 'csv')),
        where_sql text,
        status text NOT NULL CHECK (status IN ('queued', 'completed', 'failed')),
        row_count bigint CHECK (row_count IS NULL OR row_count >= 0),
        bytes bigint CHECK (bytes IS NULL OR bytes >= 0),
        sha256 text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
        error_code text,
        error_message text,
        requested_by uuid,
        requested_at timestamptz NOT NULL,
        finished_at timestamptz,
        CONSTRAINT table_exports_connector_fkey FOREIGN KEY (tenant_id, connector_id) REFERENCES connectors (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT table_exports_completed_has_counts CHECK ((status = 'completed') = (row_count IS NOT NULL AND bytes IS NOT NULL AND sha256 IS NOT NULL)),
        CONSTRAINT table_exports_failed_has_error CHECK ((status = 'failed') = (error_code IS NOT NULL)),
        CONSTRAINT table_exports_finished CHECK ((status = 'queued') = (finished_at IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX table_exports_tenant_idx ON table_exports (tenant_id, requested_at DESC)`);
    await queryRunner.query(`CREATE INDEX table_exports_connector_idx ON table_exports (tenant_id, connector_id)`);
    await enableTenantRls(queryRunner, 'table_exports');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRls(queryRunner, 'table_exports');
    await queryRunner.query(`DROP TABLE table_exports`);
  }
}

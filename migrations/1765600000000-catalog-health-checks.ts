import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Health checks of tenant catalogs (`ade catalog health`): the request and what the worker
 * reported, schema and table names, row counts, last writes and column names only.
 */
export class CatalogHealthChecks1765600000000 implements MigrationInterface {
  name = 'CatalogHealthChecks1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE catalog_health_checks (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        status text NOT NULL CHECK (status IN ('queued', 'reported', 'failed')),
        report jsonb,
        error_code text,
        error_message text,
        requested_by uuid,
        requested_at timestamptz NOT NULL,
        finished_at timestamptz,
        CHECK ((status = 'reported') = (report IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX catalog_health_checks_tenant_idx ON catalog_health_checks (tenant_id, requested_at DESC)`);
    await enableTenantRls(queryRunner, 'catalog_health_checks');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRls(queryRunner, 'catalog_health_checks');
    await queryRunner.query(`DROP TABLE catalog_health_checks`);
  }
}

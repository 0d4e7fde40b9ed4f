import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/** Every table holding a tenant's rows, with the column naming the tenant. */
const TENANT_OWNED: ReadonlyArray<[table: string, tenantColumn?: string]> = [
  ['tenants', 'id'],
  ['users'],
  ['pipelines'],
  ['pipeline_runs'],
  ['incidents'],
  ['schema_drift_events'],
  ['schema_versions'],
  ['quality_reports'],
  ['quality_anomalies'],
  ['alert_thresholds'],
  ['alerts'],
  ['webhook_endpoints'],
  ['webhook_deliveries'],
  ['lineage_edges'],
  ['quarantine_run_totals'],
  ['quarantine_counts'],
  ['quarantine_releases'],
];

/**
 * Row-level security on every tenant-owned table (see rls.ts). The application keeps filtering by
 * tenant itself; this is the second wall, for the query that forgets to.
 */
export class RowLevelSecurity1765000000000 implements MigrationInterface {
  name = 'RowLevelSecurity1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, tenantColumn] of TENANT_OWNED) await enableTenantRls(queryRunner, table, tenantColumn);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TENANT_OWNED) await disableTenantRls(queryRunner, table);
  }
}

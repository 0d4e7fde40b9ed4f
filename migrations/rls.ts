import type { QueryRunner } from 'typeorm';

/**
 * Row-level security for a tenant-owned table. A row is visible (and writable) when its tenant is
 * the transaction's `ade.tenant_id`, or when the transaction runs in platform scope
 * (`ade.platform = 'on'`); see apps/control-plane/src/database/database-scope.ts. With neither
 * set, a statement sees nothing. FORCE applies the policy to the table's owner too; only a
 * superuser or a BYPASSRLS role escapes it, and the application refuses to run as either.
 */
export async function enableTenantRls(queryRunner: QueryRunner, table: string, tenantColumn = 'tenant_id'): Promise<void> {
  // Each setting inside a scalar subquery: PostgreSQL reads it once per statement (an InitPlan)
  // instead of once per row, which made the policy cost grow with the rows a statement filters.
  const admits =
    `((SELECT current_setting('ade.platform', true)) = 'on' OR ${tenantColumn} = (SELECT nullif(current_setting('ade.tenant_id', true), '')::uuid))`;
  await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`CREATE POLICY tenant_isolation ON ${table} USING ${admits} WITH CHECK ${admits}`);
}

export async function disableTenantRls(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
  await queryRunner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
}

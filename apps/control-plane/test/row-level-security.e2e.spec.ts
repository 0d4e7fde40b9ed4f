import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@ade/config';
import { loadControlPlaneConfig } from '../src/config/control-plane.config';
import { createControlPlaneApp } from '../src/create-app';
import { dataSourceOptions } from '../src/database/data-source-options';
import { inPlatformScope, inTenantScope } from '../src/database/database-scope';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, pipelineBody, type TenantFixture } from './factories';

/**
 * The second wall behind the services' tenant filters: these queries talk to PostgreSQL as the
 * control plane's own role and deliberately leave the tenant out of their WHERE clauses.
 */
describe('row-level security', () => {
  let cp: ControlPlaneHarness;
  let db: DataSource;
  let a: TenantFixture;
  let b: TenantFixture;

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const tenantsIn = (rows: Array<{ tenant_id: string }>) => [...new Set(rows.map((row) => row.tenant_id))].sort();

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'rls' });
    db = cp.app.get(DataSource);
    a = await createTenant(cp);
    b = await createTenant(cp);
    for (const tenant of [a, b]) {
      for (let i = 0; i < 2; i++) {
        const pipeline = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody()).expect(201);
        await cp.http().post(`/v1/pipelines/${pipeline.body.id}/runs`).set(as(tenant.admin.token)).expect(202);
      }
    }
  });
  afterAll(() => cp?.close());

  it('runs the control plane as a role that row-level security holds', async () => {
    const [role] = await db.query(
      `SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ name: 'ade_app', rolsuper: false, rolbypassrls: false });
    const owned = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tableowner = current_user`, [cp.config.database.schema]);
    expect(owned).toEqual([]);
  });

  it('enables and forces a tenant policy on every table that holds tenant rows', async () => {
    const tables: Array<{ table: string; rls: boolean; forced: boolean; policies: string }> = await inPlatformScope(db, 'test', (tx) =>
      tx.query(
        `SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
                (SELECT count(*) FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind = 'r'
           AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM information_schema.columns k
                WHERE k.table_schema = n.nspname AND k.table_name = c.relname AND k.column_name = 'tenant_id'))
         ORDER BY 1`,
        [cp.config.database.schema],
      ),
    );
    expect(tables.length).toBeGreaterThanOrEqual(17);
    for (const table of tables) expect({ ...table, policies: Number(table.policies) }).toEqual({ table: table.table, rls: true, forced: true, policies: 1 });
  });

  it('shows a query that forgets the tenant filter only its own tenant’s rows', async () => {
    const pipelines = await inTenantScope(db, a.tenantId, (tx) => tx.query(`SELECT tenant_id FROM pipelines`));
    expect(pipelines).toHaveLength(2);
    expect(tenantsIn(pipelines)).toEqual([a.tenantId]);
    const runs = await inTenantScope(db, b.tenantId, (tx) => tx.query(`SELECT tenant_id FROM pipeline_runs`));
    expect(tenantsIn(runs)).toEqual([b.tenantId]);
    const users = await inTenantScope(db, a.tenantId, (tx) => tx.query(`SELECT tenant_id FROM users`));
    expect(tenantsIn(users)).toEqual([a.tenantId]);
    const tenants = await inTenantScope(db, a.tenantId, (tx) => tx.query(`SELECT id AS tenant_id FROM tenants`));
    expect(tenantsIn(tenants)).toEqual([a.tenantId]);
  });

  it('shows nothing to a statement outside any scope', async () => {
    const [counts] = await db.query(
      `SELECT (SELECT count(*) FROM pipelines)::int AS pipelines, (SELECT count(*) FROM pipeline_runs)::int AS runs,
              (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tenants)::int AS tenants`,
    );
    expect(counts).toEqual({ pipelines: 0, runs: 0, users: 0, tenants: 0 });
  });

  it("refuses to write a row into another tenant, and an unfiltered UPDATE or DELETE reaches only the scope's rows", async () => {
    const [pipelineOfA] = await inTenantScope(db, a.tenantId, (tx) => tx.query(`SELECT id FROM pipelines LIMIT 1`));
    await expect(
      inTenantScope(db, a.tenantId, (tx) =>
        tx.query(`INSERT INTO pipeline_runs (id, tenant_id, pipeline_id, status, trigger) VALUES (gen_random_uuid(), $1, $2, 'queued', 'manual')`, [
          b.tenantId,
          pipelineOfA.id,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(inTenantScope(db, a.tenantId, (tx) => tx.query(`UPDATE pipelines SET tenant_id = $1`, [b.tenantId]))).rejects.toThrow(
      /row-level security/,
    );

    const [, touched] = await inTenantScope(db, a.tenantId, (tx) => tx.query(`UPDATE pipelines SET source_path = 'touched-by-a.csv'`));
    expect(touched).toBe(2);
    // An unfiltered DELETE in A's scope, rolled back so the other tests keep A's runs.
    const rollback = new Error('rollback');
    let deleted = -1;
    await expect(
      inTenantScope(db, a.tenantId, async (tx) => {
        [, deleted] = await tx.query(`DELETE FROM pipeline_runs`);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(deleted).toBe(2);
    const runsOfB = await inTenantScope(db, b.tenantId, (tx) => tx.query(`SELECT id FROM pipeline_runs`));
    expect(runsOfB).toHaveLength(2);
    const ofB = await inTenantScope(db, b.tenantId, (tx) => tx.query(`SELECT source_path FROM pipelines`));
    expect(ofB.map((row: { source_path: string }) => row.source_path)).toEqual(['claims.csv', 'claims.csv']);
  });

  it('does not carry a tenant from one transaction to the next on a pooled connection', async () => {
    const single = new DataSource({ ...dataSourceOptions(cp.config.database), extra: { options: `-c search_path=${cp.config.database.schema}`, max: 1 } });
    await single.initialize();
    try {
      await inTenantScope(single, a.tenantId, (tx) => tx.query(`SELECT 1 FROM pipelines`));
      const [after] = await single.query(`SELECT current_setting('ade.tenant_id', true) AS tenant, (SELECT count(*) FROM pipelines)::int AS visible`);
      expect(after).toEqual({ tenant: '', visible: 0 });
      // Interleaved scopes on one connection each see their own rows only.
      const seen = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b)).map((tenant) =>
          inTenantScope(single, tenant.tenantId, (tx) => tx.query(`SELECT tenant_id FROM pipelines`)).then((rows) => ({ tenant, rows })),
        ),
      );
      for (const { tenant, rows } of seen) expect(tenantsIn(rows)).toEqual([tenant.tenantId]);
    } finally {
      await single.destroy();
    }
  });

  it('lets the application role append to the audit log but never change or remove an entry', async () => {
    const [entry] = await inTenantScope(db, a.tenantId, (tx) => tx.query(`SELECT id FROM audit_events ORDER BY seq LIMIT 1`));
    expect(entry).toBeDefined();
    for (const statement of [
      `UPDATE audit_events SET action = 'edited' WHERE id = $1`,
      `DELETE FROM audit_events WHERE id = $1`,
    ]) {
      await expect(inTenantScope(db, a.tenantId, (tx) => tx.query(statement, [entry.id]))).rejects.toThrow(/permission denied/);
      await expect(inPlatformScope(db, 'test', (tx) => tx.query(statement, [entry.id]))).rejects.toThrow(/permission denied/);
    }
    await expect(db.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied/);
    await expect(db.query(`SELECT * FROM typeorm_migrations`)).rejects.toThrow(/permission denied/);
  });

  it('still serves each tenant its own data through the API', async () => {
    const listed = await cp.http().get('/v1/pipelines').set(as(a.admin.token)).expect(200);
    expect(listed.body.items).toHaveLength(2);
    const runs = await cp.http().get('/v1/runs').set(as(b.admin.token)).expect(200);
    expect(runs.body.items.every((run: { tenantId?: string }) => run.tenantId === undefined || run.tenantId === b.tenantId)).toBe(true);
    expect(runs.body.items).toHaveLength(2);
  });

  it('refuses to start the control plane on the schema owner’s role', async () => {
    const config = loadControlPlaneConfig({ ...cp.env, DATABASE_URL: cp.env.DATABASE_MIGRATION_URL! });
    const started = createControlPlaneApp(config, false);
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/DATABASE_URL: the application role is a superuser/);
  });
});

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineCredentials } from '@ade/contracts';
import { DuckDbLakehouse, type DatabricksSqlSettings } from '@ade/lakehouse';
import { makeTempDir } from '@ade/testing';
import { FakeSqlDriver } from '../../../../libs/lakehouse/test/databricks/fake-sql-driver';
import type { EngineCredentialsSource } from './engine-credentials';
import { EngineRouter } from './engine-router';

const HOST = 'https://dbc-1234abcd-5678.cloud.databricks.com';

/** The control plane's answers, by tenant, as a test sets them; counts how often it was asked. */
class IssuedCredentials implements EngineCredentialsSource {
  readonly asked: string[] = [];
  readonly byTenant = new Map<string, EngineCredentials>();

  async fetch(tenantId: string): Promise<EngineCredentials> {
    this.asked.push(tenantId);
    const credentials = this.byTenant.get(tenantId);
    if (!credentials) throw new Error(`no credentials for ${tenantId}`);
    return credentials;
  }
}

describe('EngineRouter', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let credentials: IssuedCredentials;
  let drivers: Array<{ settings: DatabricksSqlSettings; driver: FakeSqlDriver }>;
  let clock: number;
  let router: EngineRouter;
  const tenantId = randomUUID();
  const databricks = { tenantId, catalogName: 'payer_catalog', engine: 'databricks' as const };

  beforeEach(async () => {
    dir = await makeTempDir('engine-router');
    credentials = new IssuedCredentials();
    credentials.byTenant.set(tenantId, { tenantId, kind: 'databricks', host: HOST, httpPath: '/sql/1.0/warehouses/0123456789abcdef', credentials: { token: 'dapi-first-token' }, access: { readers: [], phiReaders: [] } });
    drivers = [];
    clock = 0;
    router = new EngineRouter({
      embedded: new DuckDbLakehouse({ dataDir: join(dir.path, 'data'), threads: 1, memoryLimit: '256MB' }),
      credentials,
      connect: async (settings) => {
        const driver = new FakeSqlDriver();
        driver.answer(/^SELECT tenant_id FROM `_system`\.`catalog_info`$/, [{ tenant_id: tenantId }]);
        drivers.push({ settings, driver });
        return driver;
      },
      credentialsTtlMs: 1000,
      now: () => clock,
    });
  });
  afterEach(async () => {
    await router.shutdown();
    await dir.cleanup();
  });

  it('keeps embedded catalogs on the workers’ own engine without asking for credentials', async () => {
    const embedded = { tenantId: randomUUID(), catalogName: 'healthcare_data' };
    await router.provision(embedded);
    const catalog = await router.open({ ...embedded, engine: 'embedded' });
    expect(catalog.dialect).toBe('duckdb');
    await catalog.close();
    expect(credentials.asked).toEqual([]);
    expect(drivers).toEqual([]);
  });

  it('opens a Databricks catalog with the credentials the control plane released, and keeps one client per workspace', async () => {
    const [first, second] = await Promise.all([router.open(databricks), router.open(databricks)]);
    expect(first.dialect).toBe('databricks');
    expect(credentials.asked).toEqual([tenantId]);
    expect(drivers.map((d) => d.settings)).toEqual([{ host: HOST, httpPath: '/sql/1.0/warehouses/0123456789abcdef', credentials: { token: 'dapi-first-token' } }]);
    expect(drivers[0]!.driver.sessions[0]!.request).toMatchObject({ initialCatalog: 'payer_catalog', configuration: { STATEMENT_TIMEOUT: '3600' } });
    await Promise.all([first.close(), second.close()]);

    clock = 1500;
    await (await router.open(databricks)).close();
    expect(credentials.asked).toHaveLength(2);
    expect(drivers).toHaveLength(1);
  });

  it('moves to new credentials once they are asked for again, closing the old client', async () => {
    await (await router.open(databricks)).close();
    credentials.byTenant.set(tenantId, { ...credentials.byTenant.get(tenantId)!, httpPath: 'sql/protocolv1/o/1234567890/0123-456789-abcdefgh', credentials: { token: 'dapi-rotated-token' } });
    clock = 999;
    await (await router.open(databricks)).close();
    expect(drivers).toHaveLength(1);

    clock = 2000;
    const session = await router.open(databricks);
    expect(drivers).toHaveLength(2);
    expect(drivers[1]!.settings.credentials).toEqual({ token: 'dapi-rotated-token' });
    expect(drivers[1]!.driver.sessions[0]!.request).toEqual({ initialCatalog: 'payer_catalog' });
    await session.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(drivers[0]!.driver.closed).toBe(true);
  });

  it("governs with the tenant's reader groups, and takes new groups as a new workspace client", async () => {
    const grantsSent = (driver: FakeSqlDriver) => driver.statements.map(({ sql }) => sql).filter((sql) => sql.startsWith('GRANT'));
    const answerGovernance = (driver: FakeSqlDriver) => {
      for (const [pattern, rows] of [
        [/^SELECT c\.table_schema/, []],
        [/information_schema\.column_tags/, []],
        [/information_schema\.column_masks/, []],
        [/_privileges/, []],
        [/^SELECT current_user\(\)/, [{ principal: 'svc' }]],
        [/^(GRANT|CREATE OR REPLACE FUNCTION)/, []],
      ] as const) {
        driver.answer(pattern, [...rows]);
      }
    };
    credentials.byTenant.set(tenantId, { ...credentials.byTenant.get(tenantId)!, access: { readers: ['payer analysts'], phiReaders: [] } });
    const first = await router.open(databricks);
    answerGovernance(drivers[0]!.driver);
    await first.govern({ phi: new Set(), masked: new Set() }, true);
    await first.close();
    expect(grantsSent(drivers[0]!.driver)).toHaveLength(5);
    expect(grantsSent(drivers[0]!.driver).every((sql) => sql.endsWith(' TO `payer analysts`'))).toBe(true);

    credentials.byTenant.set(tenantId, { ...credentials.byTenant.get(tenantId)!, access: { readers: ['actuaries'], phiReaders: [] } });
    clock = 2000;
    const second = await router.open(databricks);
    expect(drivers).toHaveLength(2);
    answerGovernance(drivers[1]!.driver);
    await second.govern({ phi: new Set(), masked: new Set() }, true);
    await second.close();
    expect(grantsSent(drivers[1]!.driver).every((sql) => sql.endsWith(' TO `actuaries`'))).toBe(true);
  });

  it('passes a refusal of the control plane on, and tries again on the next job', async () => {
    credentials.byTenant.delete(tenantId);
    await expect(router.open(databricks)).rejects.toThrow(`no credentials for ${tenantId}`);
    await expect(router.provision(databricks)).rejects.toThrow(`no credentials for ${tenantId}`);
    expect(credentials.asked).toEqual([tenantId, tenantId]);
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogAccess } from '@ade/contracts';
import { makeTempDir } from '@ade/testing';
import { connectDatabricks, databricksSql, DatabricksLakehouse, isWarehousePath, NO_VALUES_TYPE, schemaFingerprint, type SqlDriverClient } from '@ade/lakehouse';
import { describeCatalogContract, type ContractEngine } from '../catalog-contract';
import { bronzeRequest, CATALOG, CLAIM_HEADER, claimRows, csv, landFile } from '../source-files';
import { FakeSqlDriver, type FakeSqlSession } from './fake-sql-driver';
import { installFakeUnityCatalog, type FakeUnityCatalog } from './fake-unity-catalog';

type FakeEngine = ContractEngine & { driver: FakeSqlDriver; unityCatalog: FakeUnityCatalog };

/** DatabricksLakehouse over the driver double, whose statements a fake Unity Catalog answers from its state. */
async function fakeEngine(label: string, access?: CatalogAccess): Promise<FakeEngine> {
  const temp = await makeTempDir(label);
  const driver = new FakeSqlDriver();
  const unityCatalog = installFakeUnityCatalog(driver);
  const lakehouse = new DatabricksLakehouse({ client: driver, warehouse: true, ...(access ? { access } : {}) });
  return {
    driver,
    unityCatalog,
    lakehouse,
    dir: temp.path,
    catalogName: CATALOG,
    cleanup: async () => {
      try {
        expect(driver.grammarFailures).toEqual([]);
        expect(unityCatalog.misunderstood).toEqual([]);
      } finally {
        await lakehouse.shutdown();
        await temp.cleanup();
      }
    },
  };
}

describeCatalogContract('Databricks (fake Unity Catalog behind the driver double)', () => fakeEngine('dbx-contract'));

// ---------------------------------------------------------------------------------------------
// The same contract against a real workspace, when one is configured; otherwise reported as skipped.

const live = (() => {
  const host = process.env['DATABRICKS_HOST']?.trim();
  const httpPath = process.env['DATABRICKS_HTTP_PATH']?.trim();
  const token = process.env['DATABRICKS_TOKEN']?.trim();
  return host && httpPath && token ? { host, httpPath, token } : null;
})();

/** A catalog of its own per case, dropped afterwards through a raw driver session. */
async function liveEngine(settings: { host: string; httpPath: string; token: string }): Promise<ContractEngine> {
  const temp = await makeTempDir('dbx-live-contract');
  const client = await connectDatabricks({ host: settings.host, httpPath: settings.httpPath, credentials: { token: settings.token } });
  const catalogName = `ade_contract_${randomBytes(6).toString('hex')}`;
  // shutdown() closes the lakehouse's sessions but leaves the client open for the drop.
  const borrowed: SqlDriverClient = { openSession: (request) => client.openSession(request), close: async () => undefined };
  const lakehouse = new DatabricksLakehouse({ client: borrowed, warehouse: isWarehousePath(settings.httpPath) });
  return {
    lakehouse,
    dir: temp.path,
    catalogName,
    cleanup: async () => {
      try {
        await lakehouse.shutdown();
        await dropCatalog(client, catalogName);
      } finally {
        await client.close();
        await temp.cleanup();
      }
    },
  };
}

async function dropCatalog(client: SqlDriverClient, catalogName: string): Promise<void> {
  const session = await client.openSession();
  try {
    const operation = await session.executeStatement(`DROP CATALOG IF EXISTS ${databricksSql.quoteIdentifier(catalogName)} CASCADE`);
    try {
      await operation.fetchAll();
    } finally {
      await operation.close();
    }
  } finally {
    await session.close();
  }
}

describeCatalogContract(
  'Databricks live workspace (DATABRICKS_HOST, DATABRICKS_HTTP_PATH, DATABRICKS_TOKEN)',
  () => {
    if (live === null) throw new Error('unreachable: the live contract runs only with a workspace configured');
    return liveEngine(live);
  },
  { skip: live === null },
);

// ---------------------------------------------------------------------------------------------
// Where the engines legitimately differ, so the contract leaves it out: Unity Catalog names are
// per workspace, so another tenant naming the catalog reaches this one and is refused by its
// recorded owner; on DuckDB it reaches a catalog of its own (see duckdb/catalog-contract.spec.ts).

describe('DatabricksLakehouse: another tenant naming the same catalog', () => {
  let engine: FakeEngine;
  beforeEach(async () => (engine = await fakeEngine('dbx-tenants')));
  afterEach(() => engine.cleanup());

  it('refuses to open or provision it as tenant_mismatch', async () => {
    const tenantA = { tenantId: randomUUID(), catalogName: engine.catalogName };
    const tenantB = { tenantId: randomUUID(), catalogName: engine.catalogName };
    await engine.lakehouse.provision(tenantA);

    await expect(engine.lakehouse.open(tenantB)).rejects.toMatchObject({ kind: 'tenant_mismatch' });
    await expect(engine.lakehouse.provision(tenantB)).rejects.toMatchObject({ kind: 'tenant_mismatch' });
    expect(engine.unityCatalog.table(engine.catalogName, '_system', 'catalog_info')?.rows).toEqual([
      { tenant_id: tenantA.tenantId, catalog_name: engine.catalogName, created_at: expect.any(Date) },
    ]);
    await expect(engine.lakehouse.open(tenantA)).resolves.toMatchObject({ name: engine.catalogName });
  });

});

describe('DatabricksLakehouse: governance of a catalog', () => {
  const ACCESS = { readers: ['payer analysts'], phiReaders: ['phi.readers@payer'] };
  const GOVERNED = { phi: new Set(['member_id', 'patient_first_name', 'patient_birth_date']), masked: new Set(['member_id', 'patient_first_name']) };
  let engine: FakeEngine;
  beforeEach(async () => (engine = await fakeEngine('dbx-governance', ACCESS)));
  afterEach(() => engine.cleanup());

  /** A provisioned catalog with PHI in bronze (landed) and in silver (as the quality stage writes it). */
  async function catalogWithPhi() {
    const locator = { tenantId: randomUUID(), catalogName: engine.catalogName };
    await engine.lakehouse.provision(locator);
    const catalog = await engine.lakehouse.open(locator);
    const file = await landFile(engine.dir, 'members.csv', csv(['member_id', 'plan_code'], [['M1', 'P1']]));
    await catalog.ingestBronze(bronzeRequest(file, { table: { catalog: engine.catalogName, schema: 'bronze', table: 'members' } }));
    const column = (name: string, type = 'STRING') => ({ name, type, nullable: true });
    engine.unityCatalog.catalogs.get(engine.catalogName)!.schemas.get('silver')!.tables.set('claims', {
      columns: [column('member_id'), column('patient_first_name'), column('patient_birth_date', 'TIMESTAMP'), column('paid_amount')],
      rows: [],
    });
    return { locator, catalog };
  }

  it('finds untagged PHI, unmasked member identifiers and names in silver, and the reader groups\' missing grants', async () => {
    const { catalog } = await catalogWithPhi();
    const name = (column: string) => `${engine.catalogName}.${column}`;
    const governance = await catalog.govern(GOVERNED, false);
    expect(governance).toEqual({
      phiMask: 'missing',
      untaggedPhiColumns: ['bronze.members.member_id', 'silver.claims.member_id', 'silver.claims.patient_first_name', 'silver.claims.patient_birth_date'].map(name),
      unmaskedPhiColumns: ['silver.claims.member_id', 'silver.claims.patient_first_name'].map(name),
      missingGrants: ['payer analysts', 'phi.readers@payer'].flatMap((group) => [
        `GRANT USE CATALOG ON CATALOG \`${engine.catalogName}\` TO \`${group}\``,
        `GRANT USE SCHEMA ON SCHEMA \`silver\` TO \`${group}\``,
        `GRANT SELECT ON SCHEMA \`silver\` TO \`${group}\``,
        `GRANT USE SCHEMA ON SCHEMA \`gold\` TO \`${group}\``,
        `GRANT SELECT ON SCHEMA \`gold\` TO \`${group}\``,
      ]),
    });
    // Checking changes nothing.
    expect(engine.driver.statements.some(({ sql }) => /^(ALTER|GRANT|CREATE OR REPLACE FUNCTION)/.test(sql))).toBe(false);
  });

  it('tags, masks and grants all of it when applied, after which nothing is missing', async () => {
    const { catalog } = await catalogWithPhi();
    const nothingMissing = { untaggedPhiColumns: [], unmaskedPhiColumns: [], phiMask: 'current', missingGrants: [] };
    expect(await catalog.govern(GOVERNED, true)).toEqual(nothingMissing);
    expect(await catalog.govern(GOVERNED, false)).toEqual(nothingMissing);

    const state = engine.unityCatalog.catalogs.get(engine.catalogName)!;
    const columns = (schema: string, table: string) => state.schemas.get(schema)!.tables.get(table)!.columns;
    expect(columns('bronze', 'members').filter((c) => c.tags?.get('phi') === 'true').map((c) => c.name)).toEqual(['member_id']);
    // Bronze is never granted to readers, so only silver and gold are masked.
    expect(columns('bronze', 'members').some((c) => c.mask)).toBe(false);
    expect(columns('silver', 'claims').map((c) => [c.name, c.mask ?? null])).toEqual([
      ['member_id', '_system.phi_mask'],
      ['patient_first_name', '_system.phi_mask'],
      ['patient_birth_date', null],
      ['paid_amount', null],
    ]);
    // The platform's own principal reads values (its jobs write silver); so do the PHI readers, and nobody else.
    expect(state.functions.get('_system.phi_mask')).toMatchObject({ principals: [engine.unityCatalog.principal], groups: ['phi.readers@payer'] });
    expect([...state.grants].sort()).toEqual(
      ['payer analysts', 'phi.readers@payer'].flatMap((group) => [`${group}||USE CATALOG`, `${group}|gold|SELECT`, `${group}|gold|USE SCHEMA`, `${group}|silver|SELECT`, `${group}|silver|USE SCHEMA`]).sort(),
    );
  });

  it('replaces the mask when the PHI readers or the platform principal change, and grants only what a new group lacks', async () => {
    const { locator, catalog } = await catalogWithPhi();
    await catalog.govern(GOVERNED, true);
    await catalog.close();

    const changed = new DatabricksLakehouse({ client: engine.driver, warehouse: true, access: { readers: ['payer analysts', 'actuaries'], phiReaders: [] } });
    engine.unityCatalog.principal = 'service-principal-7f3a';
    const reopened = await changed.open(locator);
    try {
      const before = engine.driver.statements.length;
      // The mask still lets through the old principal and the old PHI readers.
      expect((await reopened.govern(GOVERNED, false))!.phiMask).toBe('stale');
      expect((await reopened.govern(GOVERNED, false))!.missingGrants).toEqual([
        `GRANT USE CATALOG ON CATALOG \`${engine.catalogName}\` TO \`actuaries\``,
        'GRANT USE SCHEMA ON SCHEMA `silver` TO `actuaries`',
        'GRANT SELECT ON SCHEMA `silver` TO `actuaries`',
        'GRANT USE SCHEMA ON SCHEMA `gold` TO `actuaries`',
        'GRANT SELECT ON SCHEMA `gold` TO `actuaries`',
      ]);
      await reopened.govern(GOVERNED, true);
      expect(engine.unityCatalog.catalogs.get(engine.catalogName)!.functions.get('_system.phi_mask')).toMatchObject({ principals: ['service-principal-7f3a'], groups: [] });
      expect((await reopened.govern(GOVERNED, false))!.phiMask).toBe('current');
      // The masks already set stay; only the missing grants are sent.
      expect(engine.driver.statements.slice(before).filter(({ sql }) => /^(ALTER|GRANT)/.test(sql)).map(({ sql }) => sql)).toHaveLength(5);
    } finally {
      await reopened.close();
      await changed.shutdown();
    }
  });

  it('counts ALL PRIVILEGES as holding any privilege', async () => {
    const { catalog } = await catalogWithPhi();
    const state = engine.unityCatalog.catalogs.get(engine.catalogName)!;
    for (const group of ['payer analysts', 'phi.readers@payer']) {
      state.grants.add(`${group}||ALL PRIVILEGES`);
      for (const schema of ['silver', 'gold']) state.grants.add(`${group}|${schema}|ALL PRIVILEGES`);
    }
    expect((await catalog.govern(GOVERNED, false))!.missingGrants).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The fake itself: what it refuses, and the reads it must get right for the contract to mean anything.

describe('the fake Unity Catalog', () => {
  let driver: FakeSqlDriver;
  let unityCatalog: FakeUnityCatalog;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeEach(async () => {
    driver = new FakeSqlDriver();
    unityCatalog = installFakeUnityCatalog(driver);
    temp = await makeTempDir('fake-uc');
  });
  afterEach(() => temp.cleanup());

  async function rows(session: FakeSqlSession, sql: string): Promise<object[]> {
    const operation = await session.executeStatement(sql);
    try {
      return await operation.fetchAll();
    } finally {
      await operation.close();
    }
  }

  /** A provisioned catalog with one file staged in its landing volume, as the adapter stages it. */
  async function staged(content: string): Promise<{ session: FakeSqlSession; volumePath: string }> {
    const lakehouse = new DatabricksLakehouse({ client: driver, warehouse: true });
    await lakehouse.provision({ tenantId: randomUUID(), catalogName: CATALOG });
    const session = await driver.openSession({ initialCatalog: CATALOG });
    const volumePath = `/Volumes/${CATALOG}/_system/landing/${randomUUID()}/claims.csv`;
    driver.volume.set(volumePath, Buffer.from(content));
    return { session, volumePath };
  }

  it('refuses a session on a catalog that does not exist as Databricks does', async () => {
    await expect(driver.openSession({ initialCatalog: 'nowhere' })).rejects.toThrow(/^\[NO_SUCH_CATALOG_EXCEPTION\] Catalog 'nowhere' was not found/);
    expect(driver.sessions).toHaveLength(0);
  });

  it('fails a statement it does not understand loudly, and lists it', async () => {
    const session = await driver.openSession();
    await rows(session, 'CREATE CATALOG IF NOT EXISTS `scratch`');
    await expect(rows(session, 'SELECT 1 AS one')).rejects.toThrow('a session without an initial catalog may only CREATE CATALOG');

    const inside = await driver.openSession({ initialCatalog: 'scratch' });
    await expect(rows(inside, 'SELECT current_catalog()')).rejects.toThrow('fake Unity Catalog does not understand: SELECT current_catalog()');
    expect(unityCatalog.misunderstood).toHaveLength(2);
  });

  it('answers a missing table as TABLE_OR_VIEW_NOT_FOUND, which the adapter reports as not provisioned', async () => {
    const session = await driver.openSession();
    await rows(session, 'CREATE CATALOG IF NOT EXISTS `healthcare_data`');
    const lakehouse = new DatabricksLakehouse({ client: driver, warehouse: true });
    await expect(lakehouse.open({ tenantId: randomUUID(), catalogName: CATALOG })).rejects.toMatchObject({ kind: 'catalog_unavailable', message: expect.stringContaining('is not provisioned yet') });
  });

  it('describes a staged CSV by its header, honouring the separator and a headerless read', async () => {
    const { session, volumePath } = await staged(csv(CLAIM_HEADER, claimRows(2), ';'));
    const describe = (options: string) =>
      rows(session, `DESCRIBE SELECT * FROM read_files('${volumePath}', format => 'csv', ${options}, multiLine => true, inferColumnTypes => false, schemaEvolutionMode => 'none', mode => 'FAILFAST')`);

    expect(await describe(`header => true, sep => ';'`)).toEqual(CLAIM_HEADER.map((col_name) => ({ col_name, data_type: 'string', comment: null })));
    expect(await describe(`header => false, sep => ';'`)).toEqual(['_c0', '_c1', '_c2', '_c3'].map((col_name) => ({ col_name, data_type: 'string', comment: null })));
    // With the default separator the whole line is one column, as Spark reads it.
    expect(await describe('header => true')).toEqual([{ col_name: CLAIM_HEADER.join(';'), data_type: 'string', comment: null }]);
    await expect(describe(`header => true, inferColumnTypes2 => true`)).rejects.toThrow('does not understand');
  });

  it('lands the records of a staged CSV, a quoted line break inside one record, and answers the counts Databricks does', async () => {
    const rowsWithBreak = claimRows(3);
    rowsWithBreak[0]![1] = 'Member 1\nsecond line';
    const lakehouse = new DatabricksLakehouse({ client: driver, warehouse: true });
    const locator = { tenantId: randomUUID(), catalogName: CATALOG };
    await lakehouse.provision(locator);
    const catalog = await lakehouse.open(locator);
    const request = bronzeRequest(await landFile(temp.path, 'claims.csv', csv(CLAIM_HEADER, rowsWithBreak)));

    expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 3 });

    const claims = unityCatalog.table(CATALOG, 'bronze', 'claims')!;
    expect(claims.columns.map((column) => column.name)).toEqual([...CLAIM_HEADER, '_source_file', '_ingested_at', '_run_id', '_rescued_data']);
    expect(claims.rows.map((row) => row['member_name'])).toEqual(['Member 1\nsecond line', 'Member 2', 'Member 3']);
    expect(claims.rows.every((row) => row['_run_id'] === request.runId && row['_source_file'] === 'claims.csv')).toBe(true);
    expect(unityCatalog.table(CATALOG, '_system', 'ingest_checkpoints')?.rows).toMatchObject([{ run_id: request.runId, row_count: 3, target_table: `${CATALOG}.bronze.claims` }]);
    expect(driver.volume.size).toBe(0);
    expect(driver.grammarFailures).toEqual([]);
    expect(unityCatalog.misunderstood).toEqual([]);
    await lakehouse.shutdown();
  });
  it("infers a file's types as Spark does, and lands a typed column's misfits as NULL with the value rescued", async () => {
    const lakehouse = new DatabricksLakehouse({ client: driver, warehouse: true });
    const locator = { tenantId: randomUUID(), catalogName: CATALOG };
    await lakehouse.provision(locator);
    const catalog = await lakehouse.open(locator);
    const header = ['claim_id', 'line', 'account_number', 'charge', 'service_date', 'blank'];
    // 2147483648 is one past the largest INT.
    const typed = await landFile(temp.path, 'typed.csv', csv(header, [['C1', '1', '1234567893', '12.50', '2026-10-01', ''], ['C2', '2', '2147483648', '8', '2026-10-02', '']]));

    const inferred = await catalog.inferSourceSchema({ path: typed.path, format: 'csv', options: {} });
    expect(inferred).toEqual([
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'line', type: 'INTEGER' },
      { name: 'account_number', type: 'BIGINT' },
      { name: 'charge', type: 'DOUBLE' },
      { name: 'service_date', type: 'DATE' },
      { name: 'blank', type: NO_VALUES_TYPE },
    ]);

    const columns = [
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'line', type: 'INTEGER' },
      { name: 'service_date', type: 'DATE' },
    ];
    const misfit = await landFile(temp.path, 'misfit.csv', csv(['claim_id', 'line', 'service_date', 'fax'], [['C3', 'one', '2026-02-30', '555-0100'], ['C4', '4', '2026-10-04', '']]));
    const plan = {
      land: columns.map((column) => ({ source: column.name, column: column.name, type: column.type })),
      add: [],
      rescue: ['fax'],
      ignore: [],
      schema: { fingerprint: schemaFingerprint(columns), columns },
      basedOnVersion: 0,
    };
    expect(await catalog.ingestBronze(bronzeRequest(misfit, { table: { catalog: CATALOG, schema: 'bronze', table: 'typed' }, plan }))).toEqual({ outcome: 'loaded', rows: 2 });

    expect(unityCatalog.table(CATALOG, 'bronze', 'typed')!.rows).toEqual([
      expect.objectContaining({ claim_id: 'C3', line: null, service_date: null, _rescued_data: JSON.stringify({ fax: '555-0100', line: 'one', service_date: '2026-02-30', _file_path: 'misfit.csv' }) }),
      expect.objectContaining({ claim_id: 'C4', line: '4', service_date: '2026-10-04', _rescued_data: null }),
    ]);
    expect(unityCatalog.misunderstood).toEqual([]);
    await lakehouse.shutdown();
  });
});

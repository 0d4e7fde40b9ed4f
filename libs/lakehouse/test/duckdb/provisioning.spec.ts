import { copyFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogFilePath, LakehouseError } from '@ade/lakehouse';
import { CATALOG, holdFileInOtherProcess, lakehouseFixture, locatorFor, type LakehouseFixture } from './fixtures';

describe('DuckDbLakehouse provisioning and opening', () => {
  let fx: LakehouseFixture;
  let dataDir: string;

  beforeEach(async () => {
    fx = await lakehouseFixture('provision');
    dataDir = join(fx.dir, 'data');
  });
  afterEach(() => fx.cleanup());

  it('creates one file per tenant catalog with the medallion and system schemas', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);

    expect((await stat(catalogFilePath(dataDir, locator))).isFile()).toBe(true);
    const catalog = await fx.lakehouse.open(locator);
    const schemas = await catalog.query(
      `SELECT schema_name FROM duckdb_schemas() WHERE database_name = '${CATALOG}' AND NOT internal ORDER BY schema_name`,
    );
    expect(schemas.map((row) => row['schema_name'])).toEqual(expect.arrayContaining(['_system', 'bronze', 'gold', 'silver']));
    const tables = await catalog.query(`SELECT table_name FROM duckdb_tables() WHERE database_name = '${CATALOG}' ORDER BY 1`);
    expect(tables.map((row) => row['table_name'])).toEqual(['catalog_info', 'ingest_checkpoints', 'judged_runs', 'lineage', 'quarantined_files', 'schema_history']);
  });

  it('gives a catalog provisioned before schema history its history table on the next open', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    const old = await fx.lakehouse.open(locator);
    await old.execute(`DROP TABLE ${CATALOG}._system.schema_history`);
    await fx.lakehouse.shutdown();

    const catalog = await fx.lakehouse.open(locator);
    const tables = await catalog.query(`SELECT table_name FROM duckdb_tables() WHERE database_name = '${CATALOG}' AND schema_name = '_system' ORDER BY 1`);
    expect(tables.map((row) => row['table_name'])).toContain('schema_history');
    expect(await catalog.registeredSchema({ catalog: CATALOG, schema: 'bronze', table: 'claims' })).toBeNull();
  });

  it('is idempotent and records its owner exactly once', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    await fx.lakehouse.provision(locator);
    await Promise.all([fx.lakehouse.provision(locator), fx.lakehouse.provision(locator)]);

    const catalog = await fx.lakehouse.open(locator);
    const info = await catalog.query(`SELECT tenant_id, catalog_name FROM ${CATALOG}._system.catalog_info`);
    expect(info).toEqual([{ tenant_id: locator.tenantId, catalog_name: CATALOG }]);
  });

  it('refuses to open a catalog that was never provisioned, without creating a file', async () => {
    const locator = locatorFor();
    await expect(fx.lakehouse.open(locator)).rejects.toMatchObject({ kind: 'catalog_unavailable' });
    await expect(stat(catalogFilePath(dataDir, locator))).rejects.toThrow();
  });

  it("refuses B's catalog file placed where A's should be", async () => {
    const tenantA = locatorFor();
    const tenantB = locatorFor();
    await fx.lakehouse.provision(tenantA);
    await fx.lakehouse.provision(tenantB);
    const catalogB = await fx.lakehouse.open(tenantB);
    await catalogB.execute(`CREATE TABLE ${CATALOG}.bronze.secret AS SELECT 'b-only' AS v`);
    await fx.lakehouse.shutdown(); // checkpoints B's rows into its file

    const pathA = catalogFilePath(dataDir, tenantA);
    await rm(`${pathA}.wal`, { force: true });
    await copyFile(catalogFilePath(dataDir, tenantB), pathA);

    const error = await fx.lakehouse.open(tenantA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LakehouseError);
    expect(error).toMatchObject({ kind: 'tenant_mismatch' });
    expect((error as Error).message).not.toContain(tenantB.tenantId);
    await expect(fx.lakehouse.provision(tenantA)).rejects.toMatchObject({ kind: 'tenant_mismatch' });

    // The refused file is not left attached where a later session of A could read it.
    await rm(pathA);
    await fx.lakehouse.provision(tenantA);
    const catalogA = await fx.lakehouse.open(tenantA);
    expect(await catalogA.tableExists({ catalog: CATALOG, schema: 'bronze', table: 'secret' })).toBe(false);
  });

  it('validates the locator before building any path', async () => {
    await expect(fx.lakehouse.provision({ tenantId: '../../etc', catalogName: CATALOG })).rejects.toThrow(/UUID/);
    await expect(fx.lakehouse.open({ tenantId: locatorFor().tenantId, catalogName: 'x/../y' })).rejects.toThrow(/identifier/);
    await expect(fx.lakehouse.provision({ tenantId: locatorFor().tenantId, catalogName: 'memory' })).rejects.toThrow(/reserved/);
  });

  it('reports a catalog file locked by another process as catalog_unavailable', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    await fx.lakehouse.shutdown();

    const holder = await holdFileInOtherProcess(catalogFilePath(dataDir, locator));
    try {
      const error = await fx.lakehouse.open(locator).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'catalog_unavailable' });
      expect((error as Error).message).toMatch(/locked by another process/);
    } finally {
      await holder.release();
    }
    await expect(fx.lakehouse.open(locator)).resolves.toBeDefined();
  });

  it('releases every file on shutdown, with committed rows checkpointed into it', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    const catalog = await fx.lakehouse.open(locator);
    await catalog.execute(`CREATE TABLE ${CATALOG}.gold.totals AS SELECT 42 AS n`);
    await fx.lakehouse.shutdown();

    const holder = await holdFileInOtherProcess(catalogFilePath(dataDir, locator), 'SELECT n FROM gold.totals');
    await holder.release();
    expect(holder.rows).toEqual([{ n: 42 }]);
  });

  it('closes one session without disturbing another session of the same tenant', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    const first = await fx.lakehouse.open(locator);
    const second = await fx.lakehouse.open(locator);
    await first.close();
    await first.close();

    await expect(first.query('SELECT 1')).rejects.toThrow(/closed/);
    await expect(second.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });
});

describe('DuckDbTenantCatalog inventory', () => {
  let fx: LakehouseFixture;

  beforeEach(async () => {
    fx = await lakehouseFixture('inventory');
  });
  afterEach(() => fx.cleanup());

  it('lists schemas, tables with their columns, row counts and the last write lineage recorded', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    const catalog = await fx.lakehouse.open(locator);
    await catalog.execute(`CREATE TABLE ${CATALOG}.silver.claims (claim_id VARCHAR, member_id VARCHAR)`);
    await catalog.execute(`INSERT INTO ${CATALOG}.silver.claims VALUES ('C1', 'M1'), ('C2', 'M2')`);
    await catalog.execute(
      `INSERT INTO ${CATALOG}._system.lineage VALUES ('r1', 'table', '${CATALOG}.bronze.claims', '${CATALOG}.silver.claims', 1, TIMESTAMPTZ '2026-12-01 10:00:00+00'), ` +
        `('r2', 'table', '${CATALOG}.bronze.claims', '${CATALOG}.silver.claims', 1, TIMESTAMPTZ '2026-12-02 10:00:00+00')`,
    );
    const inventory = await catalog.inventory();
    expect(inventory.schemas).toEqual(expect.arrayContaining(['_system', 'bronze', 'gold', 'silver']));
    const claims = inventory.tables.find((t) => t.table.schema === 'silver' && t.table.table === 'claims');
    expect(claims).toEqual({ table: { catalog: CATALOG, schema: 'silver', table: 'claims' }, columns: ['claim_id', 'member_id'], rows: 2, lastWriteAt: new Date('2026-12-02T10:00:00Z') });
    expect(inventory.tables.find((t) => t.table.table === 'catalog_info')).toMatchObject({ rows: 1, lastWriteAt: null });
    // No tags, masks or grants in DuckDB: nothing to apply and nothing to report, and no column changes.
    const governed = { phi: new Set(['member_id']), masked: new Set(['member_id']) };
    expect(await catalog.govern(governed, true)).toBeNull();
    expect(await catalog.govern(governed, false)).toBeNull();
    expect((await catalog.inventory()).tables.find((t) => t.table.table === 'claims')?.columns).toEqual(['claim_id', 'member_id']);
    await catalog.close();
  });
});

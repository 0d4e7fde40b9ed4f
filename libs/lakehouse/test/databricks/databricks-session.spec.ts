import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractViolation } from '@ade/contracts';
import { LakehouseError, NO_VALUES_TYPE, type TenantCatalog } from '@ade/lakehouse';
import { CATALOG, CLAIM_HEADER, CLAIMS, csv, landFile } from '../source-files';
import { databricksFixture, type DatabricksFixture } from './databricks-fixture';
import { serverError } from './fake-sql-driver';

describe('DatabricksTenantCatalog: session lifecycle and statements', () => {
  let fx: DatabricksFixture;
  let catalog: TenantCatalog;

  beforeEach(async () => {
    fx = await databricksFixture('dbx-session');
    catalog = await fx.open();
  });
  afterEach(async () => {
    expect(fx.driver.grammarFailures).toEqual([]);
    await fx.cleanup();
  });

  it('cancels the statement in flight when the session closes (the job stopped), then closes the driver session', async () => {
    const hold = fx.driver.hold(/^SELECT count\(\*\) AS n FROM `bronze`\.`claims`$/);
    const counting = catalog.countRows(CLAIMS);
    const held = await hold.reached;
    await catalog.close();

    expect(held.cancelled).toBe(true);
    expect(held.closed).toBe(true);
    await expect(counting).rejects.toMatchObject({ kind: 'catalog_unavailable', message: expect.stringContaining('cancelled because its session closed') });
    expect(fx.driver.sessions[0]!.closed).toBe(true);
    await expect(catalog.countRows(CLAIMS)).rejects.toThrow("catalog session 'healthcare_data' is closed");
  });

  it('runs a caller’s statements one at a time, pages through large answers and closes every operation', async () => {
    const many = Array.from({ length: 25_000 }, (_, i) => ({ n: i }));
    fx.driver.answer(/^SELECT n FROM `gold`\.`numbers`$/, many);
    const [rows, count] = await Promise.all([catalog.query('SELECT n FROM `gold`.`numbers`'), catalog.countRows(CLAIMS)]);
    expect(rows).toHaveLength(25_000);
    expect(count).toBe(0);
    expect(fx.driver.operations.every((operation) => operation.closed)).toBe(true);
  });

  it('keeps a table of another catalog out, and withholds server messages that may quote values', async () => {
    await expect(catalog.countRows({ catalog: 'other_catalog', schema: 'bronze', table: 'claims' })).rejects.toThrow(ContractViolation);
    fx.driver.answer(/^SELECT CAST/, serverError("[CAST_INVALID_INPUT] The value 'JANE DOE' of the type \"STRING\" cannot be cast to \"INT\"", '22018'), { at: 'fetch' });
    const failure = (await catalog.query("SELECT CAST(member_name AS INT) FROM `bronze`.`claims`").catch((error: unknown) => error)) as Error;
    expect(failure.message).toBe("statement on catalog 'healthcare_data' failed (Databricks CAST_INVALID_INPUT, SQLSTATE 22018)");
  });

  it('answers tableExists and countRows from the information schema and the table', async () => {
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM information_schema\.tables/, [{ n: 1 }]);
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM `bronze`\.`claims`$/, [{ n: 1234 }]);
    expect(await catalog.tableExists(CLAIMS)).toBe(true);
    expect(await catalog.countRows(CLAIMS)).toBe(1234);
    expect(fx.sent()[0]).toBe("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'bronze' AND table_name = 'claims'");
  });

  it('records a quarantined file once per delivery and reads the list back', async () => {
    const file = await landFile(fx.dir, 'bad.csv', 'x');
    await catalog.quarantineFile({ pipelineId: 'p1', runId: 'r1', file, reason: "source file 'bad.csv' is empty" });
    const merge = fx.sent().at(-1)!;
    expect(merge).toMatch(/^MERGE INTO `_system`\.`quarantined_files` AS q/);
    expect(merge).toContain("ON q.pipeline_id = s.pipeline_id AND q.source_file = s.source_file AND q.content_hash = s.content_hash\nWHEN NOT MATCHED THEN INSERT");
    expect(merge).toContain("'source file \\'bad.csv\\' is empty' AS reason");

    fx.driver.answer(/^SELECT source_file, content_hash, run_id, reason/, [{ source_file: 'bad.csv', content_hash: file.contentHash, run_id: 'r1', reason: 'empty', quarantined_at_ms: 1_765_000_000_000 }]);
    expect(await catalog.quarantinedFiles('p1')).toEqual([
      { sourceFile: 'bad.csv', contentHash: file.contentHash, runId: 'r1', reason: 'empty', quarantinedAt: new Date(1_765_000_000_000) },
    ]);
  });

  it('finds the PHI columns without the phi tag (outside the platform tables) and the member identifiers of silver and gold without the PHI mask, and puts both right when asked', async () => {
    fx.driver.answer(/^SELECT schema_name, table_name, column_name FROM information_schema\.column_tags WHERE tag_name = 'phi'$/, [
      { schema_name: 'silver', table_name: 'claims', column_name: 'member_id' },
    ]);
    fx.driver.answer(/^SELECT c\.table_schema/, [
      { table_schema: 'silver', table_name: 'claims', column_name: 'member_id', data_type: 'STRING' },
      { table_schema: 'silver', table_name: 'claims', column_name: 'Patient_Birth_Date', data_type: 'TIMESTAMP' },
      { table_schema: 'silver', table_name: 'claims', column_name: 'paid_amount', data_type: 'STRING' },
      { table_schema: 'gold', table_name: 'members', column_name: 'MEMBER_ID', data_type: 'string' },
      { table_schema: 'bronze', table_name: 'claims', column_name: 'member_id', data_type: 'STRING' },
      { table_schema: '_system', table_name: 'lineage', column_name: 'member_id', data_type: 'STRING' },
    ]);
    fx.driver.answer(/^SELECT table_schema, table_name, column_name, mask_schema, mask_name FROM information_schema\.column_masks$/, [
      { table_schema: 'silver', table_name: 'claims', column_name: 'member_id', mask_schema: '_system', mask_name: 'phi_mask' },
      // Another mask is not the platform's: the column is masked again, with the PHI mask.
      { table_schema: 'gold', table_name: 'members', column_name: 'MEMBER_ID', mask_schema: 'default', mask_name: 'redact' },
    ]);
    fx.driver.answer(/^SELECT current_user\(\) AS principal$/, [{ principal: "svc'ade@payer" }]);
    fx.driver.answer(/^SELECT routine_definition FROM information_schema\.routines WHERE routine_schema = '_system' AND routine_name = 'phi_mask'$/, [
      { routine_definition: "CASE WHEN current_user() = 'svc\\'ade@payer' OR is_account_group_member('former readers') THEN value ELSE NULL END" },
    ]);
    const governed = { phi: new Set(['member_id', 'patient_birth_date']), masked: new Set(['member_id']) };
    expect(await catalog.govern(governed, false)).toEqual({
      untaggedPhiColumns: [`${CATALOG}.silver.claims.Patient_Birth_Date`, `${CATALOG}.gold.members.MEMBER_ID`, `${CATALOG}.bronze.claims.member_id`],
      unmaskedPhiColumns: [`${CATALOG}.gold.members.MEMBER_ID`],
      // A group the settings no longer name still sees PHI.
      phiMask: 'stale',
      // No reader groups configured: nothing to grant, and the privileges are never read.
      missingGrants: [],
    });
    expect(fx.sent().some((sql) => /^(ALTER|CREATE|GRANT)/.test(sql) || sql.includes('_privileges'))).toBe(false);

    expect(await catalog.govern(governed, true)).toEqual({ untaggedPhiColumns: [], unmaskedPhiColumns: [], phiMask: 'current', missingGrants: [] });
    expect(fx.sent().filter((sql) => /^(ALTER|CREATE)/.test(sql))).toEqual([
      "ALTER TABLE `silver`.`claims` ALTER COLUMN `Patient_Birth_Date` SET TAGS ('phi' = 'true')",
      "ALTER TABLE `gold`.`members` ALTER COLUMN `MEMBER_ID` SET TAGS ('phi' = 'true')",
      "ALTER TABLE `bronze`.`claims` ALTER COLUMN `member_id` SET TAGS ('phi' = 'true')",
      "CREATE OR REPLACE FUNCTION `_system`.`phi_mask`(value STRING) RETURNS STRING RETURN CASE WHEN current_user() = 'svc\\'ade@payer' THEN value ELSE NULL END",
      'ALTER TABLE `gold`.`members` ALTER COLUMN `MEMBER_ID` SET MASK `_system`.`phi_mask`',
    ]);
  });

  it('takes stock of the catalog from the information schema and lineage, naming tables by their three parts', async () => {
    fx.driver.answer(/^SELECT schema_name FROM information_schema\.schemata/, ['_system', 'bronze', 'gold', 'silver'].map((schema_name) => ({ schema_name })));
    fx.driver.answer(/^SELECT target, unix_millis/, [{ target: `${CATALOG}.bronze.claims`, last_write_ms: 1_765_000_000_000 }]);
    fx.driver.answer(/^SELECT c\.table_schema/, [
      { table_schema: 'bronze', table_name: 'claims', column_name: 'claim_id' },
      { table_schema: 'bronze', table_name: 'claims', column_name: 'member_name' },
      { table_schema: 'gold', table_name: 'claims_daily', column_name: 'day' },
    ]);
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM `bronze`\.`claims`$/, [{ n: 7 }]);
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM `gold`\.`claims_daily`$/, [{ n: 2 }]);

    expect(await catalog.inventory()).toEqual({
      schemas: ['_system', 'bronze', 'gold', 'silver'],
      tables: [
        { table: CLAIMS, columns: ['claim_id', 'member_name'], rows: 7, lastWriteAt: new Date(1_765_000_000_000) },
        { table: { catalog: CATALOG, schema: 'gold', table: 'claims_daily' }, columns: ['day'], rows: 2, lastWriteAt: null },
      ],
    });
  });
});

describe('DatabricksTenantCatalog: reading sources', () => {
  let fx: DatabricksFixture;
  let catalog: TenantCatalog;

  beforeEach(async () => {
    fx = await databricksFixture('dbx-infer');
    catalog = await fx.open();
  });
  afterEach(async () => {
    expect(fx.driver.grammarFailures).toEqual([]);
    await fx.cleanup();
  });

  it('infers types from the typed read, confirms them against a sample and reports empty columns as having no values', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(['claim_id', 'paid_amount', 'service_date', 'blank'], [['C1', '12.5', '2024-01-02', '']]));
    fx.driver.answer(/inferColumnTypes => false/, ['claim_id', 'paid_amount', 'service_date', 'blank'].map((col_name) => ({ col_name, data_type: 'string' })));
    fx.driver.answer(/^DESCRIBE SELECT .*inferColumnTypes => true/, [
      { col_name: 'claim_id', data_type: 'string' },
      { col_name: 'paid_amount', data_type: 'double' },
      { col_name: 'service_date', data_type: 'date' },
      { col_name: 'blank', data_type: 'string' },
    ]);
    fx.driver.answer(/^SELECT count\(src/, [{ n0: 1, m0: 0, n1: 1, m1: 0, n2: 1, m2: 1, n3: 0, m3: 0 }]);

    expect(await catalog.inferSourceSchema({ path: file.path, format: 'csv', options: {} })).toEqual([
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'paid_amount', type: 'DOUBLE' },
      { name: 'service_date', type: 'VARCHAR' },
      { name: 'blank', type: NO_VALUES_TYPE },
    ]);
    const sample = fx.sent().find((sql) => sql.startsWith('SELECT count(src'))!;
    expect(sample).toContain("count_if((src.`service_date` IS NOT NULL AND NOT coalesce(src.`service_date` RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}\\\\z' AND try_cast(src.`service_date` AS DATE) IS NOT NULL, false))) AS m2");
    expect(sample).toContain('LIMIT 20480) AS src');
    expect(fx.driver.volume.size).toBe(0);
  });

  it('reads a parquet source as text, nested values as JSON', async () => {
    const file = await landFile(fx.dir, 'claims.parquet', Buffer.from('PAR1'));
    fx.driver.answer(/^DESCRIBE SELECT/, [
      { col_name: 'claim_id', data_type: 'string' },
      { col_name: 'paid', data_type: 'decimal(10,2)' },
      { col_name: 'lines', data_type: 'array<struct<code:string>>' },
    ]);
    fx.driver.answer(/^SELECT count_if/, [{ s0: 0, s1: 0, s2: 0 }]);
    expect(await catalog.namesAmongValues({ path: file.path, format: 'parquet', options: {} }, ['claim_id', 'paid', 'lines'])).toEqual([false, false, false]);
    const names = fx.sent().find((sql) => sql.startsWith('SELECT count_if'))!;
    expect(names).toContain('FROM (SELECT src.`claim_id` AS `claim_id`, CAST(src.`paid` AS STRING) AS `paid`, to_json(src.`lines`) AS `lines` FROM (SELECT * FROM read_files(');
    expect(names).toContain("format => 'parquet', schemaEvolutionMode => 'none', mode => 'FAILFAST')");
  });

  it('tells a file that is missing from one the reader cannot parse, naming only the file', async () => {
    await expect(catalog.inferSourceSchema({ path: join(fx.dir, 'missing.csv'), format: 'csv', options: {} })).rejects.toThrow(
      new LakehouseError('source_not_found', "source file 'missing.csv' was not found"),
    );
    const file = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, [['C1', 'JOHN SMITH', '1', '2']]));
    fx.driver.answer(/^DESCRIBE SELECT/, serverError('[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for CSV. JOHN SMITH'));
    await expect(catalog.inferSourceSchema({ path: file.path, format: 'csv', options: {} })).rejects.toThrow(
      new LakehouseError('source_unreadable', "source file 'claims.csv' could not be read as csv (Databricks UNABLE_TO_INFER_SCHEMA)"),
    );
    expect(fx.driver.volume.size).toBe(0);
  });
});

describe('DatabricksTenantCatalog.exportTable', () => {
  let fx: DatabricksFixture;
  let catalog: TenantCatalog;

  beforeEach(async () => {
    fx = await databricksFixture('dbx-export');
    catalog = await fx.open();
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM information_schema\.tables/, [{ n: 1 }]);
    fx.driver.answer(/^DESCRIBE TABLE/, [
      { col_name: 'claim_id', data_type: 'string' },
      { col_name: 'paid_amount', data_type: 'decimal(10,2)' },
      { col_name: '', data_type: '' },
      { col_name: '# Partition Information', data_type: '' },
    ]);
    fx.driver.answer(/^DESCRIBE HISTORY/, [{ version: 7, operation: 'MERGE' }]);
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM `silver`\.`claims` VERSION AS OF 7/, [{ n: 2 }]);
  });
  afterEach(async () => {
    expect(fx.driver.grammarFailures).toEqual([]);
    await fx.cleanup();
  });

  it('writes one snapshot of the table as a single file in the volume, downloads it and removes the folder', async () => {
    let folder = '';
    fx.driver.answer(/^INSERT OVERWRITE DIRECTORY/, (sql) => {
      folder = /DIRECTORY '([^']+)'/.exec(sql)![1]!;
      fx.driver.volume.set(`${folder}/part-00000-abc.c000.csv`, Buffer.from('claim_id,paid_amount\nC1,1.00\nC2,2.00\n'));
      fx.driver.volume.set(`${folder}/_SUCCESS`, Buffer.alloc(0));
      return [];
    });
    fx.driver.answer(/^LIST/, () => [...fx.driver.volume.keys()].map((path) => ({ path, name: path.split('/').at(-1) })));
    const target = join(fx.dir, 'claims.csv');
    const table = { catalog: CATALOG, schema: 'silver', table: 'claims' };

    expect(await catalog.exportTable({ table, where: 'paid_amount > 1', format: 'csv', target })).toEqual({
      rows: 2,
      columns: [
        { name: 'claim_id', type: 'string' },
        { name: 'paid_amount', type: 'decimal(10,2)' },
      ],
    });
    expect(await readFile(target, 'utf8')).toBe('claim_id,paid_amount\nC1,1.00\nC2,2.00\n');
    expect(fx.driver.volume.size).toBe(0);
    const write = fx.sent().find((sql) => sql.startsWith('INSERT OVERWRITE'))!;
    expect(write).toBe(
      `INSERT OVERWRITE DIRECTORY '${folder}' USING CSV OPTIONS ('header' = 'true')\nSELECT /*+ COALESCE(1) */ \`claim_id\`, \`paid_amount\` FROM \`silver\`.\`claims\` VERSION AS OF 7 WHERE \`paid_amount\` > 1`,
    );
  });

  it('refuses a filter on columns the table lacks, or one Spark has no equivalent for, before writing anything', async () => {
    const table = { catalog: CATALOG, schema: 'silver', table: 'claims' };
    await expect(catalog.exportTable({ table, where: 'ssn IS NOT NULL', format: 'parquet', target: join(fx.dir, 'x.parquet') })).rejects.toThrow(ContractViolation);
    await expect(catalog.exportTable({ table, where: "regexp_matches(claim_id, 'c', 'i')", format: 'parquet', target: join(fx.dir, 'x.parquet') })).rejects.toThrow(
      new ContractViolation(`export filter on ${CATALOG}.silver.claims: calls regexp_matches with 3 argument(s); on Databricks it takes 2`),
    );
    expect(fx.sent().some((sql) => sql.startsWith('INSERT'))).toBe(false);
  });

  it('reads a filter in the documented vocabulary as Spark SQL', async () => {
    fx.driver.answer(/^INSERT OVERWRITE DIRECTORY/, serverError('[DELTA_TABLE_NOT_FOUND] stop here', '42P01'));
    const table = { catalog: CATALOG, schema: 'silver', table: 'claims' };
    await catalog.exportTable({ table, where: "starts_with(claim_id, 'C') AND strlen(claim_id)::integer < 5", format: 'csv', target: join(fx.dir, 'x.csv') }).catch(() => undefined);
    const write = fx.sent().find((sql) => sql.startsWith('INSERT OVERWRITE'))!;
    expect(write).toMatch(/ WHERE startswith\(`claim_id`, 'C'\) AND CAST\(octet_length\(`claim_id`\) AS INT\) < 5$/);
  });
});

describe('DatabricksTenantCatalog: describing its compute', () => {
  const warehouseRow = { warehouse_type: 'PRO', warehouse_size: 'MEDIUM', min_clusters: 1, auto_stop_minutes: 20 };

  it('reads its warehouse from the system tables by the id of its HTTP path', async () => {
    const fx = await databricksFixture('dbx-compute', { compute: { kind: 'warehouse', id: '0123456789abcdef' } });
    try {
      fx.driver.answer(/FROM system\.compute\.warehouses/, [warehouseRow]);
      const catalog = await fx.open();
      expect(await catalog.describeCompute()).toEqual({ kind: 'warehouse', type: 'PRO', size: 'MEDIUM', minClusters: 1, autoStopMinutes: 20 });
      expect(fx.sent().at(-1)).toContain("WHERE warehouse_id = '0123456789abcdef' AND delete_time IS NULL ORDER BY change_time DESC LIMIT 1");
      expect(fx.driver.grammarFailures).toEqual([]);
      await catalog.close();
    } finally {
      await fx.cleanup();
    }
  });

  it('reads a cluster from the clusters table', async () => {
    const fx = await databricksFixture('dbx-compute-cluster', { warehouse: false, compute: { kind: 'cluster', id: '0101-123456-abcdefgh' } });
    try {
      fx.driver.answer(/FROM system\.compute\.clusters/, [{ worker_node_type: 'i3.xlarge', driver_node_type: 'i3.xlarge', worker_count: 2, min_autoscale_workers: null, auto_termination_minutes: 30, availability: 'SPOT_WITH_FALLBACK' }]);
      const catalog = await fx.open();
      expect(await catalog.describeCompute()).toEqual({ kind: 'cluster', workerNodeType: 'i3.xlarge', driverNodeType: 'i3.xlarge', workers: 2, autoStopMinutes: 30, spot: true });
      expect(fx.driver.grammarFailures).toEqual([]);
      await catalog.close();
    } finally {
      await fx.cleanup();
    }
  });

  it('describes nothing when the system tables cannot be read, name no such compute, or the path was not given', async () => {
    const fx = await databricksFixture('dbx-compute-none', { compute: { kind: 'warehouse', id: '0123456789abcdef' } });
    try {
      const catalog = await fx.open();
      expect(await catalog.describeCompute()).toBeNull();
      fx.driver.answer(/FROM system\.compute\.warehouses/, serverError('[INSUFFICIENT_PERMISSIONS] User does not have USE SCHEMA on Schema system.compute', '42501'));
      expect(await catalog.describeCompute()).toBeNull();
      // The session goes on after the refusal.
      expect(await catalog.countRows(CLAIMS)).toBe(0);
      await catalog.close();
    } finally {
      await fx.cleanup();
    }
    const unknown = await databricksFixture('dbx-compute-unknown');
    try {
      const catalog = await unknown.open();
      expect(await catalog.describeCompute()).toBeNull();
      expect(unknown.sent()).toEqual([]);
      await catalog.close();
    } finally {
      await unknown.cleanup();
    }
  });
});

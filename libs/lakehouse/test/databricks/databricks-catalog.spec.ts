import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LakehouseError, schemaFingerprint, type ColumnPlan, type TenantCatalog } from '@ade/lakehouse';
import { bronzeRequest, CLAIM_HEADER, CLAIMS, claimRows, csv, landFile } from '../source-files';
import { databricksFixture, STATEMENT_TIMEOUT_SECONDS, type DatabricksFixture } from './databricks-fixture';
import { serverError } from './fake-sql-driver';

const OWNER_CHECK = /^SELECT tenant_id FROM `_system`\.`catalog_info`$/;

describe('DatabricksLakehouse: provisioning and opening', () => {
  let fx: DatabricksFixture;
  beforeEach(async () => (fx = await databricksFixture('dbx-provision')));
  afterEach(async () => {
    expect(fx.driver.grammarFailures).toEqual([]);
    await fx.cleanup();
  });

  it('creates the catalog, then its schemas, landing volume and change-feed system tables in a session bound to it, and claims it', async () => {
    fx.driver.answer(OWNER_CHECK, [{ tenant_id: fx.locator.tenantId }]);
    await fx.lakehouse.provision(fx.locator);

    const [outside, inside] = fx.driver.sessions;
    expect(outside!.request).toEqual({ configuration: { STATEMENT_TIMEOUT: String(STATEMENT_TIMEOUT_SECONDS) } });
    expect(outside!.statements.map((s) => s.sql)).toEqual(['CREATE CATALOG IF NOT EXISTS `healthcare_data`']);
    expect(inside!.request).toEqual({ initialCatalog: 'healthcare_data', configuration: { STATEMENT_TIMEOUT: String(STATEMENT_TIMEOUT_SECONDS) } });
    const sql = inside!.statements.map((s) => s.sql);
    expect(sql.slice(0, 6)).toEqual([
      'SELECT tenant_id FROM `_system`.`catalog_info`',
      'CREATE SCHEMA IF NOT EXISTS `bronze`',
      'CREATE SCHEMA IF NOT EXISTS `silver`',
      'CREATE SCHEMA IF NOT EXISTS `gold`',
      'CREATE SCHEMA IF NOT EXISTS `_system`',
      "CREATE VOLUME IF NOT EXISTS `_system`.`landing` COMMENT 'files staged for ingest; each is removed after its read'",
    ]);
    const tables = sql.filter((s) => s.startsWith('CREATE TABLE'));
    expect(tables.map((s) => /`_system`\.`(\w+)`/.exec(s)?.[1])).toEqual(['catalog_info', 'ingest_checkpoints', 'schema_history', 'quarantined_files', 'judged_runs', 'lineage']);
    for (const table of tables) expect(table).toMatch(/USING DELTA TBLPROPERTIES \('delta.enableChangeDataFeed' = 'true'\)$/);
    expect(sql.at(-2)).toContain(`SELECT '${fx.locator.tenantId}', 'healthcare_data', current_timestamp()\nWHERE NOT EXISTS`);
    expect(fx.driver.sessions.every((session) => session.closed)).toBe(true);
    expect(fx.driver.statements.every((s) => s.options.queryTimeout === STATEMENT_TIMEOUT_SECONDS)).toBe(true);
  });

  it("refuses to provision or open another tenant's catalog, and closes the session", async () => {
    fx.driver.answer(OWNER_CHECK, [{ tenant_id: 'another-tenant' }]);
    await expect(fx.lakehouse.provision(fx.locator)).rejects.toMatchObject({ kind: 'tenant_mismatch' });
    expect(fx.driver.sessions[1]!.statements.map((s) => s.sql)).toEqual(['SELECT tenant_id FROM `_system`.`catalog_info`']);
    await expect(fx.lakehouse.open(fx.locator)).rejects.toMatchObject({ kind: 'tenant_mismatch', message: expect.stringContaining('refusing to open it') });
    expect(fx.driver.sessions.every((session) => session.closed)).toBe(true);
  });

  it('tells a catalog that was never provisioned from one that cannot be reached', async () => {
    fx.driver.answer(OWNER_CHECK, serverError('[TABLE_OR_VIEW_NOT_FOUND] The table or view `_system`.`catalog_info` cannot be found.', '42P01'));
    await expect(fx.lakehouse.open(fx.locator)).rejects.toThrow(new LakehouseError('catalog_unavailable', "catalog 'healthcare_data' is not provisioned yet; run `ade catalog init` if this persists"));

    fx.driver.refuseSessions(Object.assign(new Error('Request failed with status 401'), { name: 'AuthenticationError' }));
    const refused = await fx.lakehouse.open(fx.locator).catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'access_denied', message: expect.stringContaining("refused the credentials or their grants (Databricks authentication failed); check the tenant's Databricks engine settings") });
  });

  it('sets no session STATEMENT_TIMEOUT on a cluster, which takes the per-statement timeout instead', async () => {
    const cluster = await databricksFixture('dbx-cluster', { warehouse: false });
    try {
      const session = await cluster.open();
      await session.countRows(CLAIMS);
      expect(cluster.driver.sessions[0]!.request).toEqual({ initialCatalog: 'healthcare_data' });
      expect(cluster.driver.statements.map((s) => s.options.queryTimeout)).toEqual([STATEMENT_TIMEOUT_SECONDS, STATEMENT_TIMEOUT_SECONDS]);
    } finally {
      await cluster.cleanup();
    }
  });
});

describe('DatabricksTenantCatalog.ingestBronze', () => {
  let fx: DatabricksFixture;
  let catalog: TenantCatalog;
  const rows = claimRows(3);

  beforeEach(async () => {
    fx = await databricksFixture('dbx-ingest');
    catalog = await fx.open();
    fx.driver.answer(/^DESCRIBE SELECT \* FROM read_files/, CLAIM_HEADER.map((name) => ({ col_name: name, data_type: 'string', comment: null })));
  });
  afterEach(async () => {
    expect(fx.driver.grammarFailures).toEqual([]);
    await fx.cleanup();
  });

  it('stages the file in the landing volume, lands it as text with metadata, checkpoints it and removes the staged copy', async () => {
    const content = csv(CLAIM_HEADER, rows);
    const file = await landFile(fx.dir, '2024/claims-01.csv', content);
    const request = bronzeRequest(file);
    let staged: Buffer | undefined;
    fx.driver.answer(/^INSERT INTO `bronze`\.`claims` BY NAME/, () => {
      staged = [...fx.driver.volume.values()][0];
      return [{ num_affected_rows: 3, num_inserted_rows: 3 }];
    });
    let checkpointed = false;
    fx.driver.answer(/^MERGE INTO `_system`\.`ingest_checkpoints`/, () => ((checkpointed = true), [{ num_affected_rows: 1, num_inserted_rows: 1 }]));
    fx.driver.answer(/^SELECT run_id, row_count FROM `_system`\.`ingest_checkpoints`/, () => (checkpointed ? [{ run_id: request.runId, row_count: 3 }] : []));

    expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 3 });

    expect(staged?.toString()).toBe(content);
    expect(fx.driver.volume.size).toBe(0);
    const sent = fx.sent();
    const volumePath = /INTO '([^']+)' OVERWRITE/.exec(sent[1]!)![1]!;
    expect(sent.map((sql) => sql.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'SELECT run_id,',
      `PUT '${file.path}'`,
      'DESCRIBE SELECT',
      'SELECT count(*)',
      'CREATE TABLE',
      'DELETE FROM',
      'INSERT INTO',
      'MERGE INTO',
      'SELECT run_id,',
      `REMOVE '${volumePath}'`,
    ]);
    expect(volumePath).toMatch(/^\/Volumes\/healthcare_data\/_system\/landing\/[0-9a-f-]{36}\/claims-01\.csv$/);
    expect(fx.driver.statements.find((s) => s.sql.startsWith('PUT'))!.options.stagingAllowedLocalPath).toBe(join(fx.dir, 'landing', '2024'));
    expect(sent[2]).toBe(
      `DESCRIBE SELECT * FROM read_files('${volumePath}', format => 'csv', header => true, multiLine => true, inferColumnTypes => false, schemaEvolutionMode => 'none', mode => 'FAILFAST')`,
    );
    expect(sent[4]).toContain('`claim_id` STRING,\n  `member_name` STRING,');
    expect(sent[4]).toContain("'delta.columnMapping.mode' = 'name'");
    // The quality stage reads each bronze row's identity from _metadata.row_id.
    expect(sent[4]).toContain("'delta.enableRowTracking' = 'true'");
    expect(sent[6]).toContain("SELECT src.*, '2024/claims-01.csv' AS _source_file, TIMESTAMP '2026-12-07T10:00:00.000Z' AS _ingested_at");
    expect(sent[7]).toContain(`'${request.runId}' AS run_id, 3 AS row_count`);
  });

  it('lands nothing for a delivery that is already checkpointed, without staging it', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, rows));
    fx.driver.answer(/^SELECT run_id, row_count FROM `_system`\.`ingest_checkpoints`/, [{ run_id: 'earlier-run', row_count: 3 }]);
    expect(await catalog.ingestBronze(bronzeRequest(file))).toEqual({ outcome: 'already_ingested', rows: 3, byRunId: 'earlier-run' });
    expect(fx.sent()).toHaveLength(1);
  });

  it('removes its own rows again when a racing ingest of the same delivery won the checkpoint', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, rows));
    const request = bronzeRequest(file);
    let merged = false;
    fx.driver.answer(/^INSERT INTO/, [{ num_affected_rows: 3, num_inserted_rows: 3 }]);
    fx.driver.answer(/^MERGE INTO `_system`\.`ingest_checkpoints`/, () => ((merged = true), [{ num_affected_rows: 0, num_inserted_rows: 0 }]));
    fx.driver.answer(/^SELECT run_id, row_count FROM `_system`\.`ingest_checkpoints`/, () => (merged ? [{ run_id: 'racing-run', row_count: 3 }] : []));

    expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'already_ingested', rows: 3, byRunId: 'racing-run' });
    expect(fx.sent().at(-2)).toBe(
      `DELETE FROM \`bronze\`.\`claims\`\nWHERE _source_file = 'claims.csv' AND _run_id = '${request.runId}' AND _ingested_at = TIMESTAMP '2026-12-07T10:00:00.000Z'`,
    );
  });

  it("first removes rows an earlier attempt left without a checkpoint: its own run's, or anyone's past the statement timeout", async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, rows));
    const request = bronzeRequest(file);
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM information_schema\.tables/, [{ n: 1 }]);
    fx.driver.answer(/^SELECT column_name, data_type FROM information_schema\.columns/, [...CLAIM_HEADER, '_source_file', '_ingested_at', '_run_id', '_rescued_data'].map((name) => ({ column_name: name })));
    await catalog.ingestBronze(request).catch(() => undefined);
    const cleanup = fx.sent().find((sql) => sql.startsWith('DELETE'));
    expect(cleanup).toBe(
      `DELETE FROM \`bronze\`.\`claims\`
WHERE _source_file = 'claims.csv'
  AND (_run_id = '${request.runId}' OR _ingested_at < current_timestamp() - INTERVAL ${STATEMENT_TIMEOUT_SECONDS + 600} SECONDS)
  AND _run_id NOT IN (SELECT run_id FROM \`_system\`.\`ingest_checkpoints\` WHERE source_file = 'claims.csv' AND target_table = 'healthcare_data.bronze.claims')`,
    );
    expect(fx.sent().some((sql) => sql.startsWith('CREATE TABLE'))).toBe(false);
  });

  it('refuses a file with columns the table lacks, or with reserved metadata columns, and still removes the staged copy', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv([...CLAIM_HEADER, 'extra'], [[...rows[0]!, 'x']]));
    fx.driver.answer(/^DESCRIBE SELECT/, [...CLAIM_HEADER, 'extra'].map((name) => ({ col_name: name, data_type: 'string' })));
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM information_schema\.tables/, [{ n: 1 }]);
    fx.driver.answer(/^SELECT column_name, data_type FROM information_schema\.columns/, CLAIM_HEADER.map((name) => ({ column_name: name })));
    await expect(catalog.ingestBronze(bronzeRequest(file))).rejects.toThrow(
      new LakehouseError('schema_mismatch', "source file 'claims.csv' has columns that healthcare_data.bronze.claims lacks: 'extra'"),
    );
    fx.driver.answer(/^DESCRIBE SELECT/, [...CLAIM_HEADER, '_run_id'].map((name) => ({ col_name: name, data_type: 'string' })));
    await expect(catalog.ingestBronze(bronzeRequest(file))).rejects.toMatchObject({ kind: 'schema_mismatch', message: expect.stringContaining("reserved for ingest metadata: '_run_id'") });
    expect(fx.sent().filter((sql) => sql.startsWith('REMOVE'))).toHaveLength(2);
    expect(fx.driver.volume.size).toBe(0);
    expect(fx.sent().some((sql) => sql.startsWith('INSERT'))).toBe(false);
  });

  it('reports a malformed file by the error class alone, never the record the server quoted', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, rows));
    fx.driver.answer(/^INSERT INTO/, serverError("[MALFORMED_RECORD_IN_PARSING] Malformed records are detected in record parsing: [C000001,JOHN SMITH,1234567893].", '22023'), { at: 'fetch' });
    const failure = await catalog.ingestBronze(bronzeRequest(file)).catch((error: unknown) => error as LakehouseError);
    expect(failure).toMatchObject({ kind: 'source_unreadable', message: "source file 'claims.csv' could not be read as csv (Databricks MALFORMED_RECORD_IN_PARSING, SQLSTATE 22023)" });
    expect(fx.driver.volume.size).toBe(0);
    expect(fx.driver.operations.every((operation) => operation.closed)).toBe(true);
  });

  it('retries a Delta concurrent-append conflict and then lands', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, rows));
    const request = bronzeRequest(file);
    let inserts = 0;
    fx.driver.answer(/^INSERT INTO/, () => (++inserts === 1 ? serverError('[DELTA_CONCURRENT_APPEND] Files were added to the root of the table by a concurrent update.', '2D521') : [{ num_inserted_rows: 3 }]));
    let merged = false;
    fx.driver.answer(/^MERGE INTO `_system`\.`ingest_checkpoints`/, () => ((merged = true), []));
    fx.driver.answer(/^SELECT run_id, row_count FROM `_system`\.`ingest_checkpoints`/, () => (merged ? [{ run_id: request.runId, row_count: 3 }] : []));
    expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 3 });
    expect(inserts).toBe(2);
    expect(fx.sent().filter((sql) => sql.startsWith('PUT'))).toHaveLength(1);
  });
});

describe('DatabricksTenantCatalog.ingestBronze with a column plan', () => {
  let fx: DatabricksFixture;
  let catalog: TenantCatalog;
  const header = ['claim_id', 'paid_amount', 'service_date', 'note'];
  const columns = [
    { name: 'claim_id', type: 'VARCHAR' },
    { name: 'paid_amount', type: 'DECIMAL(10,2)' },
    { name: 'service_date', type: 'DATE' },
  ];
  const plan: ColumnPlan = {
    land: columns.map((column) => ({ source: column.name, column: column.name, type: column.type })),
    add: [{ column: 'service_date' }],
    rescue: ['note'],
    ignore: [],
    schema: { fingerprint: schemaFingerprint(columns), columns },
    basedOnVersion: 1,
  };

  beforeEach(async () => {
    fx = await databricksFixture('dbx-plan');
    catalog = await fx.open();
    fx.driver.answer(/^DESCRIBE SELECT/, header.map((name) => ({ col_name: name, data_type: 'string' })));
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM information_schema\.tables/, [{ n: 1 }]);
    fx.driver.answer(/^SELECT column_name, data_type FROM information_schema\.columns/, ['claim_id', 'paid_amount', '_source_file', '_ingested_at', '_run_id', '_rescued_data'].map((name) => ({ column_name: name })));
    fx.driver.answer(/^SELECT version, fingerprint, columns/, [
      { version: 1, fingerprint: 'old', columns: JSON.stringify(columns.slice(0, 2)), run_id: 'r0', source_file: 'a.csv', recorded_at_ms: 1_700_000_000_000 },
    ]);
    fx.driver.answer(/^INSERT INTO/, [{ num_inserted_rows: 2 }]);
  });
  afterEach(async () => {
    expect(fx.driver.grammarFailures).toEqual([]);
    await fx.cleanup();
  });

  it('adds only the columns the table lacks, sends misfits and rescued headers to _rescued_data, and registers the next schema version', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(header, [['C1', '12.50', '2024-01-02', 'n'], ['C2', 'abc', '2024-01-03', '']]));
    const request = bronzeRequest(file, { plan });
    let merged = false;
    fx.driver.answer(/^SELECT run_id, fingerprint FROM `_system`\.`schema_history`/, [{ run_id: request.runId, fingerprint: plan.schema.fingerprint }]);
    fx.driver.answer(/^MERGE INTO `_system`\.`ingest_checkpoints`/, () => ((merged = true), []));
    fx.driver.answer(/^SELECT run_id, row_count FROM `_system`\.`ingest_checkpoints`/, () => (merged ? [{ run_id: request.runId, row_count: 2 }] : []));

    expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 2 });

    const sent = fx.sent();
    expect(sent).toContain('ALTER TABLE `bronze`.`claims` ADD COLUMNS (`service_date` STRING)');
    const insert = sent.find((sql) => sql.startsWith('INSERT INTO'))!;
    expect(insert).toContain('INSERT INTO `bronze`.`claims` (`claim_id`, `paid_amount`, `service_date`, _source_file, _ingested_at, _run_id, _rescued_data)');
    expect(insert).toContain("CASE WHEN (src.`paid_amount` IS NOT NULL AND NOT coalesce(src.`paid_amount` RLIKE '^[+-]?[0-9]{1,8}([.][0-9]{1,2})?\\\\z', false)) THEN NULL ELSE src.`paid_amount` END");
    expect(insert).toContain("to_json(named_struct('note', src.`note`, 'paid_amount', CASE WHEN");
    expect(insert).toContain("'_file_path', 'claims.csv'))");
    const version = sent.find((sql) => sql.startsWith('MERGE INTO `_system`.`schema_history`'))!;
    expect(version).toContain(`'healthcare_data.bronze.claims' AS table_name, 2 AS version, '${plan.schema.fingerprint}' AS fingerprint`);
  });

  it('refuses a plan made from an older schema version before writing anything', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(header, [['C1', '1', '2024-01-02', '']]));
    await expect(catalog.ingestBronze(bronzeRequest(file, { plan: { ...plan, basedOnVersion: 0 } }))).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('moved to version 1 after the column plan'),
    });
    expect(fx.sent().some((sql) => /^(ALTER|INSERT|DELETE|CREATE)/.test(sql))).toBe(false);
    // Not retried in place: the same plan can never pass, the caller plans again.
    expect(fx.sent().filter((sql) => sql.startsWith('DESCRIBE SELECT'))).toHaveLength(1);
  });

  it('takes its rows back when another run registered the same schema version first', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(header, [['C1', '1', '2024-01-02', '']]));
    fx.driver.answer(/^SELECT run_id, fingerprint FROM `_system`\.`schema_history`/, [{ run_id: 'other-run', fingerprint: 'other' }]);
    await expect(catalog.ingestBronze(bronzeRequest(file, { plan }))).rejects.toMatchObject({ kind: 'conflict' });
    const deletes = fx.sent().filter((sql) => sql.startsWith('DELETE'));
    expect(deletes.at(-1)).toContain("AND _ingested_at = TIMESTAMP '2026-12-07T10:00:00.000Z'");
    expect(fx.sent().some((sql) => sql.startsWith('MERGE INTO `_system`.`ingest_checkpoints`'))).toBe(false);
  });
});

describe('DatabricksTenantCatalog.referenceTable', () => {
  let fx: DatabricksFixture;
  beforeEach(async () => (fx = await databricksFixture('dbx-reference')));
  afterEach(async () => {
    expect(fx.driver.grammarFailures).toEqual([]);
    await fx.cleanup();
  });

  const file = (path: string) => ({
    name: 'icd10cm_validity',
    contentHash: '0123456789abcdef0123456789abcdef',
    path,
    columns: [{ name: 'code', type: 'VARCHAR' as const }, { name: 'valid_from', type: 'DATE' as const }],
  });

  it('loads a code set into a Delta table named for its content, typed, from a staged file removed afterwards', async () => {
    const catalog = await fx.open();
    const path = (await landFile(fx.dir, 'ref/icd10cm_validity.csv', 'code,valid_from\nE119,2015-10-01\n')).path;
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM information_schema\.tables/, [{ n: 0 }]);

    expect(await catalog.referenceTable(file(path))).toBe('`_system`.`ref_icd10cm_validity_0123456789abcdef`');

    const sent = fx.sent();
    expect(sent.map((sql) => sql.split(/\s+/).slice(0, 2).join(' '))).toEqual(['SELECT count(*)', `PUT '${path}'`, 'CREATE TABLE', expect.stringMatching(/^REMOVE '/)]);
    expect(sent[2]).toMatch(/^CREATE TABLE IF NOT EXISTS `_system`\.`ref_icd10cm_validity_0123456789abcdef` USING DELTA TBLPROPERTIES \('delta\.enableChangeDataFeed' = 'true'\)\n/);
    expect(sent[2]).toContain("AS SELECT src.`code` AS `code`, CAST(src.`valid_from` AS DATE) AS `valid_from` FROM (SELECT * FROM read_files(");
    expect(sent[2]).toContain(`quote => '"', escape => '"'`);
    expect(fx.driver.volume.size).toBe(0);
  });

  it('stages nothing when the catalog already holds that content', async () => {
    const catalog = await fx.open();
    fx.driver.answer(/^SELECT count\(\*\) AS n FROM information_schema\.tables/, [{ n: 1 }]);

    expect(await catalog.referenceTable(file(join(fx.dir, 'never-read.csv')))).toBe('`_system`.`ref_icd10cm_validity_0123456789abcdef`');
    expect(fx.sent()).toEqual([expect.stringMatching(/^SELECT count\(\*\) AS n FROM information_schema\.tables WHERE .*'ref_icd10cm_validity_0123456789abcdef'/)]);
  });
});

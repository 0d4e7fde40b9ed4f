import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalSchema, PROBE_IDS } from '@ade/healthcare';
import { DatabricksLakehouse, type TenantCatalog } from '@ade/lakehouse';
import { makeTempDir } from '@ade/testing';
import { FakeSqlDriver, serverError } from '../../lakehouse/test/databricks/fake-sql-driver';
import { installFakeUnityCatalog, type FakeUnityCatalog } from '../../lakehouse/test/databricks/fake-unity-catalog';
import { bronzeRequest, CATALOG, csv, landFile } from '../../lakehouse/test/source-files';
import { MappingNeededError } from '../src/pipeline/mapping-needed';
import { releaseQuarantined } from '../src/pipeline/release-stage';
import { runQualityStage, type QualityRunRequest } from '../src/pipeline/quality-stage';
import { answerTheQualityStage, releasedRule } from './databricks-stage-answers';
import { AS_OF } from './quality-stage.fixtures';

/**
 * The quality stage on a Databricks tenant's catalog, through the driver double: no workspace is
 * reachable from here, and the double cannot evaluate the stage's SQL. The fake Unity Catalog
 * keeps bronze (landed by the real ingest) and the reference tables; the stage's own statements
 * are answered with fixed results. What this checks is the protocol the stage follows where Delta
 * has no multi-statement transaction: every statement parses as Spark SQL, nothing opens a
 * transaction, each table changes in one statement, the runs are marked judged last, and the
 * run's work tables are dropped however the run ends. What the SQL computes is checked by the
 * DuckDB suites (the same renderings' other dialect) and, with a workspace configured, live.
 */
describe('the quality stage on Databricks (statements through the driver double)', () => {
  const schema = canonicalSchema('professional_claims');
  let cleanup: () => Promise<void>;
  let driver: FakeSqlDriver;
  let unityCatalog: FakeUnityCatalog;
  let catalog: TenantCatalog;
  let dir: string;
  let referenceCacheDir: string;
  let runId: string;

  beforeEach(async () => {
    const temp = await makeTempDir('dbx-quality');
    driver = new FakeSqlDriver();
    unityCatalog = installFakeUnityCatalog(driver);
    const lakehouse = new DatabricksLakehouse({ client: driver, warehouse: true });
    const locator = { tenantId: randomUUID(), catalogName: CATALOG };
    await lakehouse.provision(locator);
    catalog = await lakehouse.open(locator);
    dir = temp.path;
    referenceCacheDir = `${temp.path}/reference`;
    runId = randomUUID();
    const header = schema.columns.map((column) => column.name);
    const rows = [1, 2].map((n) => header.map((name) => (name === 'claim_id' ? `C${n}` : name === 'claim_line_number' ? '1' : 'x')));
    const file = await landFile(temp.path, 'claims.csv', csv(header, rows));
    expect(await catalog.ingestBronze(bronzeRequest(file, { runId }))).toEqual({ outcome: 'loaded', rows: 2 });
    answerTheQualityStage(driver, unityCatalog, { rows: 2, sourceFile: 'claims.csv' });
    cleanup = async () => {
      await lakehouse.shutdown();
      await temp.cleanup();
    };
  });
  afterEach(async () => {
    try {
      expect(driver.grammarFailures).toEqual([]);
      expect(unityCatalog.misunderstood).toEqual([]);
    } finally {
      await cleanup();
    }
  });

  const run = (extra: Partial<QualityRunRequest> = {}) =>
    runQualityStage(catalog, { dataType: 'professional_claims', catalog: CATALOG, table: 'claims', runId, settings: { expectations: [] }, asOf: AS_OF, referenceCacheDir, ...extra });
  const stageStatements = () => {
    const sent = driver.statements.map((statement) => statement.sql);
    return sent.slice(sent.findIndex((sql) => sql.startsWith('SELECT column_name FROM information_schema.columns')));
  };
  const workTablesCreated = (sent: readonly string[]) => new Set(sent.flatMap((sql) => /^(?:CREATE OR REPLACE TABLE|ALTER TABLE \S+ RENAME TO) .*?(`_system`\.`judging_\w+`)/.exec(sql)?.slice(1) ?? []));

  it('writes silver, the quarantine and gold one statement each, marks the run judged last, then drops its work tables', async () => {
    const result = await run();

    expect(result!.report.rows).toEqual({ input: 2, silver: 2, quarantined: 0, warned: 0, repaired: 0 });
    const sent = stageStatements();
    expect(sent.filter((sql) => /^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION)\b/i.test(sql))).toEqual([]);
    const firstWord = (prefix: string) => sent.findIndex((sql) => sql.startsWith(prefix));
    const judged = firstWord('MERGE INTO `_system`.`judged_runs`');
    expect(judged).toBeGreaterThan(firstWord('MERGE INTO `silver`.`claims`'));
    expect(judged).toBeGreaterThan(firstWord('MERGE INTO `gold`.`quality_summary`'));
    expect(judged).toBeGreaterThan(firstWord('INSERT INTO `_system`.`lineage`'));
    expect(firstWord('MERGE INTO `silver`.`claims`')).toBeGreaterThan(firstWord('INSERT INTO `silver`.`claims_quarantine`'));
    for (const gold of ['spend_by_member_month', 'spend_by_provider', 'spend_by_state_program']) expect(firstWord(`MERGE INTO \`gold\`.\`claims_${gold}\``)).toBeGreaterThan(firstWord('MERGE INTO `silver`.`claims`'));
    // After the mark, only the drops of every work table the run made.
    const after = sent.slice(judged + 1);
    const created = workTablesCreated(sent);
    expect(created.size).toBeGreaterThan(5);
    expect(new Set(after)).toEqual(new Set([...created].map((table) => `DROP TABLE IF EXISTS ${table}`)));
    expect(sent.filter((sql) => sql.startsWith('CREATE TABLE IF NOT EXISTS `silver`.`claims`'))[0]).toMatch(/ USING DELTA TBLPROPERTIES \('delta\.enableChangeDataFeed' = 'true'\)$/);
  });

  it('lets the catalog protect the tables the run creates before a row is written to them', async () => {
    let sentBefore: string[] | undefined;
    await run({ protectTables: async () => void (sentBefore = stageStatements()) });

    const created = /^CREATE TABLE IF NOT EXISTS `(?:silver|gold)`\.`claims/;
    const written = /^(?:INSERT INTO|MERGE INTO|DELETE FROM) `(?:silver|gold)`/;
    expect(sentBefore!.filter((sql) => created.test(sql))).toHaveLength(5);
    expect(sentBefore!.filter((sql) => written.test(sql))).toEqual([]);
    expect(stageStatements().slice(sentBefore!.length).filter((sql) => created.test(sql))).toEqual([]);
  });

  it('releases quarantined rows: judged again, merged into silver, marked released in one MERGE after it, its work tables dropped', async () => {
    await run();
    const before = driver.statements.length;
    const releaseId = randomUUID();

    const result = await releaseQuarantined(catalog, {
      dataType: 'professional_claims',
      catalog: CATALOG,
      table: 'claims',
      releaseId,
      filter: { runId, rules: ['npi.format'] },
      settings: { expectations: [] },
      asOf: AS_OF,
      referenceCacheDir,
    });

    expect(result).toMatchObject({ table: `${CATALOG}.silver.claims`, released: 2, byRule: [{ rule: releasedRule, released: 2 }] });
    const sent = driver.statements.slice(before).map((statement) => statement.sql);
    expect(sent.filter((sql) => /^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|UPDATE)\b/i.test(sql))).toEqual([]);
    const selected = sent.find((sql) => sql.startsWith('SELECT DISTINCT _layout FROM `silver`.`claims_quarantine`'))!;
    expect(selected).toContain(`_run_id = '${runId}'`);
    expect(selected).toContain("exists(_rule_ids, x -> x = 'npi.format' OR split_part(x, ':', 1) = 'npi.format')");
    const at = (prefix: string) => sent.findIndex((sql) => sql.startsWith(prefix));
    const marked = at('MERGE INTO `silver`.`claims_quarantine` AS q');
    expect(marked).toBeGreaterThan(at('MERGE INTO `silver`.`claims` AS target'));
    expect(sent[marked]).toContain(`WHEN MATCHED THEN UPDATE SET _released_at = current_timestamp, _release_id = '${releaseId}'`);
    // The release's work tables are its own, apart from the run's, and are gone afterwards.
    const created = workTablesCreated(sent);
    expect(created.size).toBeGreaterThan(3);
    expect(sent.slice(-created.size)).toEqual(expect.arrayContaining([...created].map((table) => `DROP TABLE IF EXISTS ${table}`)));
  });

  it('profiles bronze columns no layout or name maps, in the catalog, and stops with the proposal when it is unsure', async () => {
    const mystery = await landFile(dir, 'mystery.csv', csv(['bill_prov_id', 'primary_dx'], [['1234567893', 'E119']]));
    expect(await catalog.ingestBronze(bronzeRequest(mystery, { runId, table: { catalog: CATALOG, schema: 'bronze', table: 'mystery' } }))).toEqual({ outcome: 'loaded', rows: 1 });
    // What the warehouse counts over the sample: the first column holds NPIs, the second ICD-10-CM codes.
    const counted = (column: string, passing: Record<string, number>) => ({ source_column: column, non_blank: 100, ...Object.fromEntries(PROBE_IDS.map((id) => [id, passing[id] ?? 0])) });
    driver.answer(/^SELECT source_column, count\(\*\) AS non_blank, /, [counted('bill_prov_id', { npi: 100, amount: 100 }), counted('primary_dx', { icd10cm: 100 })]);

    const stopped = await run({ table: 'mystery' }).catch((error: unknown) => error);

    expect(stopped).toBeInstanceOf(MappingNeededError);
    const { proposal, unsure } = stopped as MappingNeededError;
    expect(unsure).toEqual(['billing_npi']);
    expect(proposal.columns.find((column) => column.canonical === 'billing_npi')).toMatchObject({ source: 'bill_prov_id', evidence: { values: { probe: 'npi', share: 1 } } });
    const profiled = driver.statements.map((statement) => statement.sql).find((sql) => sql.startsWith('SELECT source_column, count(*) AS non_blank'))!;
    expect(profiled).toContain("stack(2, 'bill_prov_id', CAST(`bill_prov_id` AS STRING), 'primary_dx', CAST(`primary_dx` AS STRING)) AS (source_column, raw)");
    expect(profiled).toContain('FROM `bronze`.`mystery` WHERE _run_id IN (');
  });

  it('leaves the run unjudged and drops its work tables when a write fails half-way', async () => {
    driver.answer(/^MERGE INTO `gold`\.`claims_spend_by_provider`/, serverError('[DELTA_CONCURRENT_APPEND] Files were added by a concurrent update.', '2D521'));

    await expect(run()).rejects.toThrow();

    const sent = stageStatements();
    expect(sent.some((sql) => sql.startsWith('MERGE INTO `_system`.`judged_runs`'))).toBe(false);
    const failedAt = sent.findIndex((sql) => sql.startsWith('MERGE INTO `gold`.`claims_spend_by_provider`'));
    expect(new Set(sent.slice(failedAt + 1))).toEqual(new Set([...workTablesCreated(sent)].map((table) => `DROP TABLE IF EXISTS ${table}`)));
  });
});

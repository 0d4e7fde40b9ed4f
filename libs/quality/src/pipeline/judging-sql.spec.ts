import { createHash } from 'node:crypto';
import { DATA_TYPES, type DataType } from '@ade/contracts';
import { canonicalSchema, loadLayouts, loadStatePack, numberedHeader, type LayoutDescriptor } from '@ade/healthcare';
import { assertSparkSql, SPARK_STRING_LITERAL } from '@ade/testing/spark-sql';
import { describe, expect, it } from 'vitest';
import { databricksStage, duckdbStage, STAGED_ROW_COLUMN, type StageDialect } from '../sql/stage-dialect';
import { bronzeLayout } from './bronze-layout';
import { attributedProviderColumn, serviceDateColumn } from '@ade/quality-model';
import { medallionTables } from './catalog-tables';
import { affectedGroupsSql, ensureGoldSql, ensureQualitySummarySql, goldRowsSql, goldTablesFor, mergeQualitySummarySql, qualitySummaryTable, refreshGoldSql } from './gold-sql';
import { resultsSql, samplesSql, summarySql } from './judgement-sql';
import { recordLineageSql } from './lineage-sql';
import { amountProfileSql, nullRatesSql, providerShareSql } from './profile-sql';
import { addMissingColumnsSql, deleteRunsFromSilverSql, ensureSilverSql, insertQuarantineSql, medallionColumns, silverBatchSql, upsertSilverSql } from './silver-sql';
import { judgingPlan, type JudgingPlan } from './judging-plan';

/** Every header a layout names: its files carry these (numbered ones for each n). */
function layoutHeaders(layout: LayoutDescriptor): string[] {
  const headers = new Set<string>(layout.identifiedBy);
  const numbered = (pattern: string, from: number, to: number) => {
    for (let n = from; n <= to; n++) headers.add(numberedHeader(pattern, n));
  };
  for (const source of Object.values(layout.columns)) {
    if (typeof source === 'string') headers.add(source);
    else if ('concat' in source) source.concat.forEach((header) => headers.add(header));
    else if ('firstFlagged' in source) {
      numbered(source.firstFlagged.value, source.firstFlagged.from, source.firstFlagged.to);
      numbered(source.firstFlagged.flag, source.firstFlagged.from, source.firstFlagged.to);
    } else if ('flagged' in source) [source.flagged.value, source.flagged.flag].forEach((header) => headers.add(header));
  }
  if (layout.lines) for (const pattern of Object.values(layout.lines.columns)) numbered(pattern, layout.lines.from, layout.lines.to);
  return [...headers];
}

/** The judging statements of one run over bronze columns named `headers`, as runQualityStage builds them for `stage`'s engine. */
async function planFor(dataType: DataType, headers: readonly string[], stage: StageDialect): Promise<JudgingPlan> {
  const schema = canonicalSchema(dataType);
  const pack = loadStatePack(undefined);
  const bronzeColumn = (column: string) => `b.${stage.quote(column)}`;
  const layout = await bronzeLayout(headers, schema, bronzeColumn, { stage, profile: () => Promise.reject(new Error('no profiling here')) });
  const table = (schemaName: string, name: string) => stage.table({ catalog: 'cat', schema: schemaName, table: name });
  return judgingPlan({
    dataType,
    bronzeTable: table('bronze', 't'),
    runIdLiterals: [stage.expressions.string('run-1'), stage.expressions.string('run-0')],
    layout,
    bronzeColumn,
    pack,
    render: { asOf: '2026-11-01', statePack: pack, ref: (name) => (stage === duckdbStage ? `temp.main."ref_${name}"` : table('_system', `ref_${name}`)) },
    overrides: [
      { id: 'custom.first_present', sql: `${schema.columns[0]!.name} IS NOT NULL`, action: 'warn' },
      // The embedded engine's vocabulary, translated for Spark (DuckDB's digests stay as they were).
      ...(stage === duckdbStage ? [] : [{ id: 'custom.first_shaped', sql: `regexp_full_match(${schema.columns[0]!.name}, '[A-Z0-9-]+') AND strlen(${schema.columns[0]!.name})::integer < 64`, action: 'warn' as const }]),
    ],
    lookups: { providers: table('silver', 'providers'), eligibility: table('silver', 'eligibility'), claims: [table('silver', 'professional_claims')] },
    stage,
  });
}

async function judgingStatements(dataType: DataType, headers: readonly string[], stage: StageDialect = duckdbStage): Promise<string[]> {
  const plan = await planFor(dataType, headers, stage);
  const { expectations } = plan;
  return [
    plan.stage.sql,
    ...expectations.flatMap((expectation) => expectation.prepareSql),
    ...resultsSql(expectations, stage),
    summarySql(expectations, plan.stage, stage),
    samplesSql(expectations, expectations.map((_, index) => index), plan.stage, stage) ?? '',
  ];
}

/** The writes that follow the judging (silver, quarantine, gold, profile, summary, lineage) for the same run. */
async function writeStatements(dataType: DataType, headers: readonly string[], stage: StageDialect = duckdbStage): Promise<string[]> {
  const schema = canonicalSchema(dataType);
  const plan = await planFor(dataType, headers, stage);
  const tables = medallionTables('cat', schema.table);
  const present = new Set(plan.stage.columns);
  const runIds = ['run-1', "run-0'"];
  const gold = goldTablesFor(schema, tables.silver, stage);
  const has = (column: string) => present.has(column);
  const provider = attributedProviderColumn(has);
  const summary = qualitySummaryTable('cat');
  return [
    ...ensureSilverSql(tables.silver, tables.quarantine, schema, stage),
    ...(stage.writes === 'merge' ? [addMissingColumnsSql(tables.silver, ['claim_id'], medallionColumns(schema, 'silver', stage), stage)!] : []),
    silverBatchSql(schema, present, plan.expectations, null, stage),
    silverBatchSql(schema, present, plan.expectations, 'release-1', stage),
    ...gold.flatMap((table) => [ensureGoldSql(table, stage), affectedGroupsSql(table, tables.silver, schema, runIds, stage), affectedGroupsSql(table, tables.silver, schema, [], stage)]),
    deleteRunsFromSilverSql(tables.silver, runIds, stage),
    insertQuarantineSql(tables.quarantine, schema, present, plan.expectations, 'cms-layout', stage),
    insertQuarantineSql(tables.quarantine, schema, present, plan.expectations, null, stage),
    ...upsertSilverSql(tables.silver, schema, stage),
    ...gold.flatMap((table) => [...refreshGoldSql(table, tables.silver, stage), goldRowsSql(table, stage)]),
    nullRatesSql([...present], serviceDateColumn(has), stage),
    ...schema.columns.filter((c) => c.type === 'decimal' && c.name.endsWith('_amount') && present.has(c.name)).map((c) => amountProfileSql(c.name, stage)),
    ...(provider ? [providerShareSql(provider, tables.silver, true, stage), providerShareSql(provider, tables.silver, false, stage)] : []),
    ensureQualitySummarySql(summary, stage),
    mergeQualitySummarySql(summary, { table_name: 'cat.silver.t', run_id: 'run-1', rows_input: 3, rows_silver: 2, rows_quarantined: 1, rows_warned: 0, rows_repaired: 1, completeness: 1, validity: 0.5, uniqueness: 1, consistency: 1, overall: 0.5 }, stage),
    ...recordLineageSql('cat', 'run-1', [{ source: { kind: 'file', name: "in/o'brien.csv" }, target: 'cat.bronze.t', rows: 3 }], stage),
  ];
}

function digest(statements: readonly string[]): string {
  return createHash('sha256').update(statements.join('\n;\n')).digest('hex').slice(0, 16);
}

/**
 * The quality stage's judging SQL on the embedded engine, held to a digest per data type and per
 * shipped layout: a change to any statement shows here, so work on the other dialect cannot
 * change what DuckDB runs unnoticed. Update a digest only for a change meant for DuckDB too.
 */
describe('the quality stage judging SQL for DuckDB', () => {
  it('is unchanged for every data type read by canonical names', async () => {
    const digests: Record<string, string> = {};
    for (const dataType of DATA_TYPES) digests[dataType] = digest(await judgingStatements(dataType, canonicalSchema(dataType).columns.map((column) => column.name)));
    expect(digests).toMatchInlineSnapshot(`
      {
        "eligibility": "1c4daa01ec903f7b",
        "institutional_claims": "3561125a3e004e0b",
        "pharmacy_claims": "01aff8d29924cf3b",
        "professional_claims": "8fa8004880f8ee48",
        "providers": "5d4d547ea51bb7e9",
        "remittance": "37a584821609d4ac",
      }
    `);
  });

  it('writes silver, quarantine, gold, the profile, the summary and lineage as before, for every data type', async () => {
    const digests: Record<string, string> = {};
    for (const dataType of DATA_TYPES) digests[dataType] = digest(await writeStatements(dataType, canonicalSchema(dataType).columns.map((column) => column.name)));
    expect(digests).toMatchInlineSnapshot(`
      {
        "eligibility": "57a0a34cd00e2753",
        "institutional_claims": "4fea990414a2be3b",
        "pharmacy_claims": "a9e1bcbe9d69d85b",
        "professional_claims": "aacbd6310028cb0b",
        "providers": "7d1fb4737985eff1",
        "remittance": "2f06e867efc9ea7e",
      }
    `);
  });

  it('is unchanged for every shipped public layout', async () => {
    const digests: Record<string, string> = {};
    for (const layout of loadLayouts()) digests[layout.id] = digest(await judgingStatements(layout.dataType, layoutHeaders(layout)));
    const mixed = [...new Set(['claim_type', ...(['professional_claims', 'institutional_claims'] as const).flatMap((type) => canonicalSchema(type).columns.map((column) => column.name))])];
    for (const dataType of ['professional_claims', 'institutional_claims'] as const) digests[`mixed medical claims as ${dataType}`] = digest(await judgingStatements(dataType, mixed));
    expect(digests).toMatchInlineSnapshot(`
      {
        "cms-cclf1-part-a-header": "887b1e0cd2fe6d5c",
        "cms-cclf2-part-a-revenue": "183c9f6b1428d340",
        "cms-cclf5-part-b-physician": "207594ad177de804",
        "cms-cclf6-part-b-dme": "0664188d392fe0fe",
        "cms-cclf7-part-d": "9e7ccf13d4ed2e0c",
        "cms-cclf8-beneficiary-demographics": "7a78a438fa83b466",
        "cms-ccw-pde": "3d9b3a00d9240123",
        "cms-ccw-rif-carrier": "1f03e3a81422195f",
        "cms-ccw-rif-dme": "eca3c9d01a98a7da",
        "cms-ccw-rif-hha": "df2cac4715e44624",
        "cms-ccw-rif-hospice": "806b12dcbc2de3a4",
        "cms-ccw-rif-inpatient": "b688e7f5304b4917",
        "cms-ccw-rif-outpatient": "4f24a7b2fe4a2fcf",
        "cms-ccw-rif-snf": "c177c49f6f0fc673",
        "cms-de-synpuf-carrier": "492be30dab82a05d",
        "cms-de-synpuf-inpatient": "d9b2307619356f72",
        "cms-de-synpuf-outpatient": "f0380aa808077180",
        "cms-de-synpuf-pde": "52ab7d51f34e2f28",
        "mixed medical claims as institutional_claims": "4ee3f850295515dc",
        "mixed medical claims as professional_claims": "d8fa621f61948c5f",
        "nppes-npi-registry": "000bc95ebcd88031",
        "synthea-claims": "62cb0056b21919d2",
      }
    `);
  });
});

/** What only DuckDB reads as the stage means it: none of it may reach Databricks. */
const DUCKDB_ONLY = [
  /\bregexp_full_match\(/i,
  /\bregexp_matches\(/i,
  /\blist_\w+\(/i,
  /::/,
  /\bstrftime\(/i,
  /\bjson_(?:object|merge_patch)\(/i,
  /\bTEMP\b/i,
  /\btemp\.main\b/i,
  /\browid\b/i,
  /\brange\(/i,
  /\bstrlen\(/i,
  /\bstarts_with\(/i,
  /\bVARCHAR\b/i,
  /"/,
];

describe('the quality stage judging SQL for Databricks', () => {
  const stage = databricksStage({ runKey: '0f3a9c' });
  const withoutLiterals = (sql: string) => sql.replace(new RegExp(SPARK_STRING_LITERAL.source, 'g'), "''");

  /** The writes name catalog tables (schema and table) and the run's work tables, and create Delta tables with a change feed. */
  function assertDatabricksWrites(statements: readonly string[]): void {
    for (const statement of statements) {
      assertSparkSql(statement);
      const code = withoutLiterals(statement);
      for (const spelling of DUCKDB_ONLY) expect(code, `${spelling} in ${statement.slice(0, 200)}`).not.toMatch(spelling);
      expect(code).not.toMatch(/`cat`\./);
      if (statement.startsWith('CREATE TABLE')) expect(statement).toMatch(/ USING DELTA TBLPROPERTIES \('delta\.enableChangeDataFeed' = 'true'\)$/);
    }
  }

  function assertDatabricksJudging(statements: readonly string[]): void {
    for (const statement of statements.filter((sql) => sql !== '')) {
      assertSparkSql(statement);
      const code = withoutLiterals(statement);
      for (const spelling of DUCKDB_ONLY) expect(code, `${spelling} in ${statement.slice(0, 200)}`).not.toMatch(spelling);
      // Sessions open in the tenant's catalog: a work table is named by schema and table, in _system, for this run.
      for (const [, target] of statement.matchAll(/^(?:CREATE OR REPLACE TABLE|DROP TABLE IF EXISTS|ALTER TABLE) (\S+)/g)) expect(target).toMatch(/^`_system`\.`judging_0f3a9c_\w+`$/);
    }
  }

  it('parses as Spark SQL for every data type, with no DuckDB spelling, writing only the run’s work tables', async () => {
    for (const dataType of DATA_TYPES) {
      const statements = await judgingStatements(dataType, canonicalSchema(dataType).columns.map((column) => column.name), stage);
      assertDatabricksJudging(statements);
      // The tenant's own expectation, in Spark's words.
      expect(statements.some((sql) => sql.includes("regexp_like(src.") && sql.includes('CAST(octet_length(src.'))).toBe(true);
    }
  });

  it('parses as Spark SQL for every shipped public layout (derived columns, lines side by side) and mixed claim files', async () => {
    for (const layout of loadLayouts()) assertDatabricksJudging(await judgingStatements(layout.dataType, layoutHeaders(layout), stage));
    const mixed = [...new Set(['claim_type', ...(['professional_claims', 'institutional_claims'] as const).flatMap((type) => canonicalSchema(type).columns.map((column) => column.name))])];
    for (const dataType of ['professional_claims', 'institutional_claims'] as const) assertDatabricksJudging(await judgingStatements(dataType, mixed, stage));
  });

  it('writes silver, quarantine, gold, the profile, the summary and lineage in Spark SQL for every data type', async () => {
    for (const dataType of DATA_TYPES) assertDatabricksWrites(await writeStatements(dataType, canonicalSchema(dataType).columns.map((column) => column.name), stage));
  });

  it('changes silver and each gold table in one MERGE, so each commits whole', async () => {
    const writes = await writeStatements('professional_claims', canonicalSchema('professional_claims').columns.map((column) => column.name), stage);
    const merges = writes.filter((sql) => sql.startsWith('MERGE INTO '));
    expect(merges.map((sql) => sql.split(' ')[2])).toEqual([
      '`silver`.`professional_claims`',
      '`gold`.`professional_claims_spend_by_member_month`',
      '`gold`.`professional_claims_spend_by_provider`',
      '`gold`.`professional_claims_spend_by_state_program`',
      '`gold`.`quality_summary`',
    ]);
    expect(writes.filter((sql) => /^DELETE FROM `(?:silver|gold)`/.test(sql))).toEqual(["DELETE FROM `silver`.`professional_claims` WHERE _run_id IN ('run-1', 'run-0\\'') AND _release_id IS NULL"]);
    expect(merges[1]).toContain('WHEN MATCHED AND fresh.emptied THEN DELETE');
  });

  it('numbers the staged rows itself and reads bronze rows by their tracked row id', async () => {
    const [staging] = await judgingStatements('professional_claims', canonicalSchema('professional_claims').columns.map((column) => column.name), stage);
    expect(staging).toContain(`monotonically_increasing_id() AS ${STAGED_ROW_COLUMN}`);
    expect(staging).toContain('_metadata.row_id AS __bronze_rowid');
    expect(staging).toMatch(/^CREATE OR REPLACE TABLE `_system`\.`judging_0f3a9c_src` AS SELECT /);
  });
});

import { formatTableName, type AcceptedMapping, type DataType, type LineageEdge, type QualityReport, type QualitySettings } from '@ade/contracts';
import type { SqlSession } from '@ade/lakehouse';
import { canonicalSchema, loadStatePack, todayIsoDate, type CanonicalSchema } from '@ade/healthcare';
import { duckdbStage, stageDialectFor, type StageDialect } from '../sql/stage-dialect';
import { bronzeDataColumns, inTransaction, lookupTable, medallionTables, tableColumns, type MedallionTables } from './catalog-tables';
import { attributedProviderColumn, serviceDateColumn } from '@ade/quality-model';
import { ExpectationFailedError } from './expectation-failed';
import { bronzeLayout } from './bronze-layout';
import { otherClaimTypes } from './claim-routing';
import { profileColumns, profileDialectFor } from '../column-profiles';
import { proposalReport } from './proposal-report';
import type { Expectation } from './expectations';
import { freshnessResult } from './freshness';
import { affectedGroupsSql, ensureGoldSql, ensureQualitySummarySql, goldRowsSql, goldTablesFor, mergeQualitySummarySql, qualitySummaryTable, refreshGoldSql } from './gold-sql';
import { judgeRows, type Judgement } from './judged-rows';
import { landedFileEdges, recordLineageSql } from './lineage-sql';
import { amountProfileSql, nullRatesSql, providerShareSql } from './profile-sql';
import { loadReferenceTables, type QualitySession } from './reference-session';
import { addMissingColumnsSql, deleteRunsFromSilverSql, ensureSilverSql, insertQuarantineSql, medallionColumns, SILVER_BATCH, upsertSilverSql, silverBatchSql } from './silver-sql';
import { judgingPlan } from './judging-plan';

export interface QualityRunRequest {
  dataType: DataType;
  catalog: string;
  /** The pipeline's table name; bronze, silver, quarantine and gold tables derive from it. */
  table: string;
  runId: string;
  settings: QualitySettings;
  /** USPS code of the pipeline's state pack; the default pack when absent. */
  state?: string;
  /** "Today" for date rules and freshness (YYYY-MM-DD); defaults to the current UTC date. */
  asOf?: string;
  /** Where the reference tables are cached as files for the session to read. */
  referenceCacheDir: string;
  /** The newest column mapping a person accepted for the pipeline, if any. */
  mapping?: AcceptedMapping;
  /**
   * Called once the run's silver, quarantine and gold tables exist and before any row is written
   * to them: where the catalog governs PHI (Unity Catalog), a table the run created gets its tags
   * and masks before it holds a member's data.
   */
  protectTables?: () => Promise<void>;
}

export interface QualityRunResult {
  report: QualityReport;
  lineage: LineageEdge[];
}

/**
 * The quality agent's work on one run: the rows the run landed in bronze are repaired, judged by
 * the pipeline's expectations, and written to silver (passing and warned rows, merged on the
 * business key) or to the quarantine (dropped rows, with what they failed); the gold tables are
 * rebuilt for the groups those rows touch. It is idempotent per run id: running it again for the
 * same run gives the same silver, quarantine and gold. On DuckDB all of it commits in one
 * transaction, so a failure leaves no table half-written; on Databricks each table changes in one
 * statement and the runs are marked judged last, so a run that stops half-way is judged again,
 * whole, by the next one (see unjudgedRuns).
 */
export async function runQualityStage(session: QualitySession, request: QualityRunRequest): Promise<QualityRunResult | null> {
  const stage = stageDialectFor(session.dialect, request.runId);
  const schema = canonicalSchema(request.dataType);
  const tables = medallionTables(request.catalog, request.table);
  const bronzeColumns = await bronzeDataColumns(session, tables.bronze);
  if (!bronzeColumns) return null;
  const pack = loadStatePack(request.state);
  const asOf = request.asOf ?? todayIsoDate();
  const ref = await loadReferenceTables(session, request.referenceCacheDir);

  const runIds = [request.runId, ...(await unjudgedRuns(session, tables, request.runId, stage))];
  const bronzeTable = stage.table(tables.bronze);
  const runIdLiterals = runIds.map(stage.expressions.string);
  const bronzeRows = `SELECT ${bronzeColumns.map(stage.quote).join(', ')} FROM ${bronzeTable} WHERE _run_id IN (${runIdLiterals.join(', ')})`;
  const bronzeColumn = (column: string) => `b.${stage.quote(column)}`;
  const layout = await bronzeLayout(bronzeColumns, schema, bronzeColumn, {
    stage,
    ...(request.mapping ? { mapping: request.mapping } : {}),
    profile: () => profileColumns((sql) => session.query(sql), { readSql: bronzeRows }, ref, { dialect: profileDialectFor(session.dialect, bronzeColumns) }),
  });
  const judging = judgingPlan({
    dataType: request.dataType,
    bronzeTable,
    runIdLiterals,
    layout,
    bronzeColumn,
    pack,
    render: { asOf, statePack: pack, ref },
    overrides: request.settings.expectations,
    lookups: await lookups(session, request, tables, stage),
    stage,
  });
  const { expectations, ofTheseRuns, routedElsewhere } = judging;
  const plan = judging.stage;
  const present = new Set(plan.columns);
  const routed = routedElsewhere ? await routedLines(session, request.dataType, `${ofTheseRuns} AND ${routedElsewhere}`, layout.claimTypeColumn!, stage) : undefined;

  return asOneWrite(session, stage, async () => {
    const judgement = await judgeRows(session, plan, expectations, stage);
    const { profile, newest } = await profileRows(session, schema, present, tables, stage);
    const freshness = freshnessResult(request.settings, newest.date, asOf, present);
    assertNoFailures(judgement, freshness);
    const written = await writeMedallion(
      session,
      { schema, present, expectations, tables, runIds, releaseId: null, layoutId: layout.recognized?.id ?? null, ...(request.protectTables ? { protectTables: request.protectTables } : {}) },
      stage,
    );
    const report: QualityReport = {
      table: formatTableName(tables.silver),
      rows: { input: judgement.rows, silver: written.silverRows, quarantined: judgement.dropped, warned: judgement.warned, repaired: judgement.repaired },
      scores: judgement.scores,
      expectations: freshness ? [...judgement.expectations, freshness] : judgement.expectations,
      repairs: judgement.repairs,
      profile,
      layout: layout.recognized,
      ...(layout.proposal ? { proposal: proposalReport(layout.proposal) } : {}),
      ...(routed ? { routed } : {}),
    };
    const summary = qualitySummaryTable(request.catalog);
    await session.execute(ensureQualitySummarySql(summary, stage));
    await session.execute(mergeQualitySummarySql(summary, summaryRow(report, request.runId), stage));
    const lineage = [
      ...(await landedFileEdges(session, tables.bronze, runIds, stage)),
      { source: { kind: 'table' as const, name: formatTableName(tables.bronze) }, target: formatTableName(tables.silver), rows: written.silverRows },
      ...(judgement.dropped > 0 ? [{ source: { kind: 'table' as const, name: formatTableName(tables.bronze) }, target: formatTableName(tables.quarantine), rows: judgement.dropped }] : []),
      ...written.goldEdges,
      { source: { kind: 'table' as const, name: formatTableName(tables.silver) }, target: formatTableName(summary), rows: 1 },
    ];
    for (const statement of recordLineageSql(request.catalog, request.runId, lineage, stage)) await session.execute(statement);
    // Last: until this commits, the runs are taken up again by the next run.
    await session.execute(markJudgedSql(tables, runIds, request.runId, stage));
    return { report, lineage };
  });
}

/** Silver and its quarantine exist, with every column the schema has now. */
export async function ensureSilverTables(session: SqlSession, tables: MedallionTables, schema: CanonicalSchema, stage: StageDialect): Promise<void> {
  for (const statement of ensureSilverSql(tables.silver, tables.quarantine, schema, stage)) await session.execute(statement);
  // DuckDB's statements add missing columns themselves; Delta's ADD COLUMNS needs to know which.
  if (stage.writes === 'merge') {
    for (const [table, kind] of [[tables.silver, 'silver'], [tables.quarantine, 'quarantine']] as const) {
      const added = addMissingColumnsSql(table, (await tableColumns(session, table, stage)) ?? [], medallionColumns(schema, kind, stage), stage);
      if (added) await session.execute(added);
    }
  }
}

/**
 * The stage's writes as one unit: one transaction on DuckDB; on Databricks, where a statement is
 * the unit, the run's work tables are dropped however the work ends.
 */
export async function asOneWrite<T>(session: SqlSession, stage: StageDialect, work: () => Promise<T>): Promise<T> {
  if (stage.writes === 'transaction') return inTransaction(session, work);
  try {
    return await work();
  } finally {
    for (const statement of stage.cleanupSql()) await session.execute(statement).catch(() => undefined);
  }
}

/** How many of the runs' lines each other claim type left to its own pipeline. */
async function routedLines(session: SqlSession, dataType: DataType, fromRoutedRows: string, claimTypeColumn: string, stage: StageDialect): Promise<QualityReport['routed']> {
  const rows = await session.query(`SELECT lower(trim(${stage.quote(claimTypeColumn)})) AS claim_type, count(*) AS n ${fromRoutedRows} GROUP BY 1`);
  const lines = new Map(rows.map((row) => [String(row['claim_type']), Number(row['n'])]));
  return otherClaimTypes(dataType).map((route) => ({ claimType: route.claimType, dataType: route.type, lines: lines.get(route.claimType) ?? 0 }));
}

function assertNoFailures(judgement: Judgement, freshness: ReturnType<typeof freshnessResult>): void {
  const failures = [...judgement.expectations, ...(freshness ? [freshness] : [])].filter((result) => result.action === 'fail' && result.failed > 0);
  if (failures.length) throw new ExpectationFailedError(failures.map(({ id, failed }) => ({ id, failed })));
}

/**
 * Runs that landed rows in bronze which never reached silver: their quality stage failed (a
 * `fail` expectation, a crash) after the files were checkpointed. The next run takes them on,
 * so fixing the cause and running again loses nothing.
 */
async function unjudgedRuns(session: SqlSession, tables: MedallionTables, runId: string, stage: StageDialect): Promise<string[]> {
  const literal = stage.expressions.string;
  const rows = await session.query(
    `SELECT DISTINCT _run_id AS run_id FROM ${stage.table(tables.bronze)} WHERE _run_id <> ${literal(runId)} ` +
      `AND _run_id NOT IN (SELECT run_id FROM ${judgedRunsTable(tables, stage)} WHERE table_name = ${literal(formatTableName(tables.silver))}) ORDER BY 1`,
  );
  return rows.map((row) => String(row['run_id']));
}

function judgedRunsTable(tables: MedallionTables, stage: StageDialect): string {
  return stage.table({ catalog: tables.silver.catalog, schema: '_system', table: 'judged_runs' });
}

/** One MERGE (DuckDB has it too), so marking a run judged twice keeps one row for it. */
function markJudgedSql(tables: MedallionTables, runIds: readonly string[], byRun: string, stage: StageDialect = duckdbStage): string {
  const literal = stage.expressions.string;
  const table = formatTableName(tables.silver);
  const rows = runIds.map((runId) => `(${[table, runId, byRun].map(literal).join(', ')})`);
  return (
    `MERGE INTO ${judgedRunsTable(tables, stage)} AS target USING (SELECT * FROM (VALUES ${rows.join(', ')}) AS judged(table_name, run_id, judged_by_run)) AS fresh ` +
    `ON target.table_name = fresh.table_name AND target.run_id = fresh.run_id ` +
    `WHEN MATCHED THEN UPDATE SET judged_by_run = fresh.judged_by_run, judged_at = current_timestamp ` +
    `WHEN NOT MATCHED THEN INSERT (table_name, run_id, judged_by_run, judged_at) VALUES (fresh.table_name, fresh.run_id, fresh.judged_by_run, current_timestamp)`
  );
}

/** The silver claim tables a remittance is reconciled against (by default the professional and institutional ones) that exist. */
async function claimTables(session: SqlSession, request: QualityRunRequest, tables: MedallionTables, stage: StageDialect): Promise<string[]> {
  const names = request.settings.claimTables ?? (['professional_claims', 'institutional_claims'] as const).map((dataType) => canonicalSchema(dataType).table);
  const found: string[] = [];
  for (const name of names) {
    const table = await lookupTable(session, request.catalog, name, tables.silver, stage);
    if (table) found.push(table);
  }
  return found;
}

async function lookups(session: SqlSession, request: QualityRunRequest, tables: MedallionTables, stage: StageDialect) {
  return {
    providers: await lookupTable(session, request.catalog, request.settings.providerTable ?? 'providers', tables.silver, stage),
    eligibility: await lookupTable(session, request.catalog, request.settings.eligibilityTable ?? 'eligibility', tables.silver, stage),
    claims: await claimTables(session, request, tables, stage),
  };
}

export interface MedallionWrite {
  schema: CanonicalSchema;
  present: ReadonlySet<string>;
  expectations: readonly Expectation[];
  tables: MedallionTables;
  /** The runs whose bronze rows these are (none for a release, whose rows come from the quarantine). */
  runIds: readonly string[];
  releaseId: string | null;
  /** The layout the runs' files were read as, kept with their quarantined rows. */
  layoutId: string | null;
  /** See QualityRunRequest.protectTables. */
  protectTables?: () => Promise<void>;
}

/**
 * Silver, quarantine and gold from the judged rows in the session. The groups gold must refresh
 * are read before silver changes, since a merged row can move a claim line between groups.
 */
export async function writeMedallion(session: SqlSession, write: MedallionWrite, stage: StageDialect = duckdbStage): Promise<{ silverRows: number; goldEdges: LineageEdge[] }> {
  const { schema, present, expectations, tables } = write;
  await ensureSilverTables(session, tables, schema, stage);
  const gold = goldTablesFor(schema, tables.silver, stage);
  for (const table of gold) await session.execute(ensureGoldSql(table, stage));
  await write.protectTables?.();
  await session.execute(silverBatchSql(schema, present, expectations, write.releaseId, stage));
  for (const table of gold) await session.execute(affectedGroupsSql(table, tables.silver, schema, write.runIds, stage));
  if (write.runIds.length > 0) {
    await session.execute(deleteRunsFromSilverSql(tables.silver, write.runIds, stage));
    await session.execute(insertQuarantineSql(tables.quarantine, schema, present, expectations, write.layoutId, stage));
  }
  for (const statement of upsertSilverSql(tables.silver, schema, stage)) await session.execute(statement);
  const goldEdges: LineageEdge[] = [];
  for (const table of gold) {
    for (const statement of refreshGoldSql(table, tables.silver, stage)) await session.execute(statement);
    goldEdges.push({ source: { kind: 'table', name: formatTableName(tables.silver) }, target: formatTableName(table.ref), rows: await count(session, goldRowsSql(table, stage)) });
  }
  return { silverRows: await count(session, `SELECT count(*) AS n FROM ${stage.work.ref(SILVER_BATCH)}`), goldEdges };
}

async function profileRows(
  session: SqlSession,
  schema: CanonicalSchema,
  present: ReadonlySet<string>,
  tables: MedallionTables,
  stage: StageDialect,
): Promise<{ profile: QualityReport['profile']; newest: { date: string | null } }> {
  const columns = schema.columns.map((column) => column.name).filter((column) => present.has(column));
  const has = (column: string) => present.has(column);
  const serviceDate = serviceDateColumn(has);
  const [nulls] = await session.query(nullRatesSql(columns, serviceDate, stage));
  const rows = Number(nulls!['rows']);
  const nullRates = Object.fromEntries(columns.map((column, index) => [column, rows === 0 ? 0 : round6(Number(nulls![`n${index}`]) / rows)]));
  const amounts: QualityReport['profile']['amounts'] = {};
  for (const column of schema.columns.filter((c) => c.type === 'decimal' && c.name.endsWith('_amount') && present.has(c.name))) {
    const [stats] = await session.query(amountProfileSql(column.name, stage));
    const n = Number(stats!['n']);
    const number = (value: unknown) => (n === 0 || value === null ? null : round6(Number(value)));
    amounts[column.name] = { count: n, mean: number(stats!['mean']), median: number(stats!['median']), mad: number(stats!['mad']) };
  }
  const provider = attributedProviderColumn(has);
  let providers = { distinct: 0, new: 0 };
  if (provider) {
    const silverExists = (await tableColumns(session, tables.silver, stage)) !== null;
    const [share] = await session.query(providerShareSql(provider, tables.silver, silverExists, stage));
    providers = { distinct: Number(share!['distinct_providers']), new: Number(share!['new_providers']) };
  }
  // The exact date stays in the data plane for the freshness check; the report gets its year.
  const newest = typeof nulls!['newest'] === 'string' ? (nulls!['newest'] as string) : null;
  return { profile: { nullRates, amounts, providers, newestServiceYear: newest ? Number(newest.slice(0, 4)) : null }, newest: { date: newest } };
}

function summaryRow(report: QualityReport, runId: string) {
  return {
    table_name: report.table,
    run_id: runId,
    rows_input: report.rows.input,
    rows_silver: report.rows.silver,
    rows_quarantined: report.rows.quarantined,
    rows_warned: report.rows.warned,
    rows_repaired: report.rows.repaired,
    ...report.scores,
  };
}

async function count(session: SqlSession, sql: string): Promise<number> {
  const [row] = await session.query(sql);
  return Number(row?.['n'] ?? 0);
}

function round6(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}

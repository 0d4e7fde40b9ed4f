import type { TableRef } from '@ade/contracts';
import type { CanonicalSchema } from '@ade/healthcare';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';
import { attributedProviderColumn, serviceDateColumn } from '@ade/quality-model';
import { SILVER_BATCH } from './silver-sql';

/** One gold aggregate of a claims table: its grouping keys over silver and its measures. */
export interface GoldTable {
  ref: TableRef;
  /** name → SQL over a silver row aliased `s`. */
  keys: Array<{ name: string; sql: string }>;
  measures: Array<{ name: string; sql: string; type: string }>;
}

const PROGRAM = ['medicaid_state', 'payer', 'plan'];

/**
 * The gold tables of a claims data type: spend by member-month, by provider and by state and
 * program, each keyed so it can be rebuilt for just the keys a run touched. Other data types
 * have none (their gold is the quality summary).
 */
export function goldTablesFor(schema: CanonicalSchema, silver: TableRef, stage: StageDialect = duckdbStage): GoldTable[] {
  if (schema.claimType === null) return [];
  const quoteIdentifier = stage.quote;
  const has = (name: string) => schema.columns.some((column) => column.name === name);
  const measures = [
    { name: 'claim_lines', sql: 'count(*)', type: 'BIGINT' },
    ...(has('claim_id') ? [{ name: 'claims', sql: 'count(DISTINCT s.claim_id)', type: 'BIGINT' }] : []),
    ...schema.columns
      .filter((column) => column.type === 'decimal' && column.name.endsWith('_amount'))
      .map((column) => ({ name: column.name, sql: `sum(s.${quoteIdentifier(column.name)})`, type: 'DECIMAL(38,2)' })),
  ];
  const gold = (suffix: string): TableRef => ({ catalog: silver.catalog, schema: 'gold', table: `${silver.table}_${suffix}` });
  const tables: GoldTable[] = [];
  const serviceDate = serviceDateColumn(has);
  if (has('member_id') && serviceDate) {
    tables.push({
      ref: gold('spend_by_member_month'),
      keys: [
        { name: 'member_id', sql: 's.member_id' },
        { name: 'service_month', sql: stage.castAs(`date_trunc('month', s.${quoteIdentifier(serviceDate)})`, 'DATE') },
      ],
      measures,
    });
  }
  const provider = attributedProviderColumn(has);
  if (provider) tables.push({ ref: gold('spend_by_provider'), keys: [{ name: 'provider_npi', sql: `s.${quoteIdentifier(provider)}` }], measures });
  const program = PROGRAM.filter(has);
  if (program.length) tables.push({ ref: gold('spend_by_state_program'), keys: program.map((name) => ({ name, sql: `s.${quoteIdentifier(name)}` })), measures });
  return tables;
}

/** The work tables of a gold refresh: the groups a write can change, and their recomputed rows. */
const affected = (gold: GoldTable) => `affected_${gold.ref.table}`;
const recomputed = (gold: GoldTable) => `recomputed_${gold.ref.table}`;
const keyMatch = (gold: GoldTable, left: string, right: string, stage: StageDialect) =>
  gold.keys.map((key) => `${left}.${stage.quote(key.name)} IS NOT DISTINCT FROM ${right}.${stage.quote(key.name)}`).join(' AND ');

export function ensureGoldSql(gold: GoldTable, stage: StageDialect = duckdbStage): string {
  const keys = gold.keys.map((key) => `${stage.quote(key.name)} ${key.name === 'service_month' ? 'DATE' : stage.types.text}`);
  const measures = gold.measures.map((measure) => `${stage.quote(measure.name)} ${measure.type}`);
  return `CREATE TABLE IF NOT EXISTS ${stage.table(gold.ref)} (${[...keys, ...measures].join(', ')})${stage.tableOptions}`;
}

/**
 * The groups this write can change, taken before silver changes: those of the incoming rows, of
 * the silver rows they will replace, and of rows an earlier delivery of the run left.
 */
export function affectedGroupsSql(gold: GoldTable, silver: TableRef, schema: CanonicalSchema, runIds: readonly string[], stage: StageDialect = duckdbStage): string {
  const quoteIdentifier = stage.quote;
  const keys = gold.keys.map((key) => `${key.sql} AS ${quoteIdentifier(key.name)}`).join(', ');
  const table = stage.table(silver);
  const batch = stage.work.ref(SILVER_BATCH);
  const replaced = schema.businessKey.length
    ? `SELECT ${keys} FROM ${table} AS s WHERE EXISTS (SELECT 1 FROM ${batch} AS b WHERE ${schema.businessKey.map((k) => `b.${quoteIdentifier(k)} = s.${quoteIdentifier(k)}`).join(' AND ')})`
    : null;
  const previous = runIds.length
    ? `SELECT ${keys} FROM ${table} AS s WHERE s._run_id IN (${runIds.map(stage.expressions.string).join(', ')}) AND s._release_id IS NULL`
    : null;
  const parts = [`SELECT ${keys} FROM ${batch} AS s`, replaced, previous].filter((part): part is string => part !== null);
  return stage.work.createAs(affected(gold), parts.join(' UNION '));
}

/**
 * After silver changed: recompute the affected groups from silver, then replace them: every
 * affected group is deleted (those that emptied stay deleted) and the recomputed ones appended.
 * A MERGE would do the same in one statement, but a 10-million-line delivery touches about five
 * million member-months, and DuckDB's MERGE of those ran out of the worker's 1GB memory cap
 * (bench/pipeline/README.md); a delete and an append stay within it.
 */
export function refreshGoldSql(gold: GoldTable, silver: TableRef, stage: StageDialect = duckdbStage): string[] {
  const quoteIdentifier = stage.quote;
  const { work } = stage;
  const target = stage.table(gold.ref);
  const keySelect = gold.keys.map((key) => `${key.sql} AS ${quoteIdentifier(key.name)}`);
  const measureSelect = gold.measures.map((measure) => `${measure.sql} AS ${quoteIdentifier(measure.name)}`);
  const groupSql = gold.keys.map((key) => key.sql).join(', ');
  const all = [...gold.keys.map((key) => key.name), ...gold.measures.map((measure) => measure.name)].map(quoteIdentifier);
  const withinAffected = `EXISTS (SELECT 1 FROM ${work.ref(affected(gold))} AS a WHERE ${gold.keys.map((key) => `a.${quoteIdentifier(key.name)} IS NOT DISTINCT FROM ${key.sql}`).join(' AND ')})`;
  const recompute = work.createAs(recomputed(gold), `SELECT ${[...keySelect, ...measureSelect].join(', ')} FROM ${stage.table(silver)} AS s WHERE ${withinAffected} GROUP BY ${groupSql}`);
  if (stage.writes === 'merge') return [recompute, mergeGoldSql(gold, stage)];
  return [
    recompute,
    `DELETE FROM ${target} AS target WHERE EXISTS (SELECT 1 FROM ${work.ref(affected(gold))} AS a WHERE ${keyMatch(gold, 'a', 'target', stage)})`,
    `INSERT INTO ${target} (${all.join(', ')}) SELECT ${all.join(', ')} FROM ${work.ref(recomputed(gold))}`,
  ];
}

/**
 * The refresh as one MERGE, for Delta: every affected group is updated from its recomputed row,
 * inserted when new, or deleted when silver no longer has rows for it (no recomputed row: its
 * claim_lines, a count, is NULL only then).
 */
function mergeGoldSql(gold: GoldTable, stage: StageDialect): string {
  const quote = stage.quote;
  const keys = gold.keys.map((key) => quote(key.name));
  const measures = gold.measures.map((measure) => quote(measure.name));
  const all = [...keys, ...measures];
  const fresh =
    `SELECT ${[...keys.map((key) => `a.${key}`), ...measures.map((measure) => `r.${measure}`), `r.${quote('claim_lines')} IS NULL AS emptied`].join(', ')} ` +
    `FROM ${stage.work.ref(affected(gold))} AS a LEFT JOIN ${stage.work.ref(recomputed(gold))} AS r ON ${keyMatch(gold, 'a', 'r', stage)}`;
  return (
    `MERGE INTO ${stage.table(gold.ref)} AS target USING (${fresh}) AS fresh ON ${keyMatch(gold, 'target', 'fresh', stage)} ` +
    `WHEN MATCHED AND fresh.emptied THEN DELETE ` +
    `WHEN MATCHED THEN UPDATE SET ${measures.map((measure) => `${measure} = fresh.${measure}`).join(', ')} ` +
    `WHEN NOT MATCHED AND NOT fresh.emptied THEN INSERT (${all.join(', ')}) VALUES (${all.map((name) => `fresh.${name}`).join(', ')})`
  );
}

export function goldRowsSql(gold: GoldTable, stage: StageDialect = duckdbStage): string {
  return `SELECT count(*) AS n FROM ${stage.work.ref(recomputed(gold))}`;
}

/** One row per (silver table, run): the run's quality, next to the spend it fed. */
export function qualitySummaryTable(catalog: string): TableRef {
  return { catalog, schema: 'gold', table: 'quality_summary' };
}

const SUMMARY_COLUMNS = [
  ['table_name', 'TEXT'],
  ['run_id', 'TEXT'],
  ['rows_input', 'BIGINT'],
  ['rows_silver', 'BIGINT'],
  ['rows_quarantined', 'BIGINT'],
  ['rows_warned', 'BIGINT'],
  ['rows_repaired', 'BIGINT'],
  ['completeness', 'DOUBLE'],
  ['validity', 'DOUBLE'],
  ['uniqueness', 'DOUBLE'],
  ['consistency', 'DOUBLE'],
  ['overall', 'DOUBLE'],
] as const;

export function ensureQualitySummarySql(table: TableRef, stage: StageDialect = duckdbStage): string {
  const columns = SUMMARY_COLUMNS.map(([name, type]) => `${name} ${type === 'TEXT' ? stage.types.text : type}`);
  return `CREATE TABLE IF NOT EXISTS ${stage.table(table)} (${columns.join(', ')})${stage.tableOptions}`;
}

export function mergeQualitySummarySql(table: TableRef, values: Record<(typeof SUMMARY_COLUMNS)[number][0], string | number>, stage: StageDialect = duckdbStage): string {
  const literal = (value: string | number) => (typeof value === 'number' ? String(value) : stage.expressions.string(value));
  const names = SUMMARY_COLUMNS.map(([name]) => name);
  const row = names.map((name) => `${literal(values[name])} AS ${name}`).join(', ');
  return `MERGE INTO ${stage.table(table)} AS target USING (SELECT ${row}) AS fresh ON target.table_name = fresh.table_name AND target.run_id = fresh.run_id
WHEN MATCHED THEN UPDATE SET ${names.map((name) => `${name} = fresh.${name}`).join(', ')}
WHEN NOT MATCHED THEN INSERT (${names.join(', ')}) VALUES (${names.map((name) => `fresh.${name}`).join(', ')})`;
}

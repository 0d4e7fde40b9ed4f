import type { TableRef } from '@ade/contracts';
import { duckdbSql } from '@ade/lakehouse';
import type { CanonicalSchema } from '@ade/healthcare';
import { quoteIdentifier } from '../sql/identifiers';
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
export function goldTablesFor(schema: CanonicalSchema, silver: TableRef): GoldTable[] {
  if (schema.claimType === null) return [];
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
        { name: 'service_month', sql: `date_trunc('month', s.${quoteIdentifier(serviceDate)})::DATE` },
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

const affected = (gold: GoldTable) => quoteIdentifier(`affected_${gold.ref.table}`);
const recomputed = (gold: GoldTable) => quoteIdentifier(`recomputed_${gold.ref.table}`);
const keyMatch = (gold: GoldTable, left: string, right: string) =>
  gold.keys.map((key) => `${left}.${quoteIdentifier(key.name)} IS NOT DISTINCT FROM ${right}.${quoteIdentifier(key.name)}`).join(' AND ');

export function ensureGoldSql(gold: GoldTable): string {
  const keys = gold.keys.map((key) => `${quoteIdentifier(key.name)} ${key.name === 'service_month' ? 'DATE' : 'VARCHAR'}`);
  const measures = gold.measures.map((measure) => `${quoteIdentifier(measure.name)} ${measure.type}`);
  return `CREATE TABLE IF NOT EXISTS ${duckdbSql.qualifiedTableName(gold.ref)} (${[...keys, ...measures].join(', ')})`;
}

/**
 * The groups this write can change, taken before silver changes: those of the incoming rows, of
 * the silver rows they will replace, and of rows an earlier delivery of the run left.
 */
export function affectedGroupsSql(gold: GoldTable, silver: TableRef, schema: CanonicalSchema, runIds: readonly string[]): string {
  const keys = gold.keys.map((key) => `${key.sql} AS ${quoteIdentifier(key.name)}`).join(', ');
  const table = duckdbSql.qualifiedTableName(silver);
  const replaced = schema.businessKey.length
    ? `SELECT ${keys} FROM ${table} AS s WHERE EXISTS (SELECT 1 FROM ${SILVER_BATCH} AS b WHERE ${schema.businessKey.map((k) => `b.${quoteIdentifier(k)} = s.${quoteIdentifier(k)}`).join(' AND ')})`
    : null;
  const previous = runIds.length
    ? `SELECT ${keys} FROM ${table} AS s WHERE s._run_id IN (${runIds.map(duckdbSql.sqlString).join(', ')}) AND s._release_id IS NULL`
    : null;
  const parts = [`SELECT ${keys} FROM ${SILVER_BATCH} AS s`, replaced, previous].filter((part): part is string => part !== null);
  return `CREATE OR REPLACE TEMP TABLE ${affected(gold)} AS ${parts.join(' UNION ')}`;
}

/**
 * After silver changed: recompute the affected groups from silver, then replace them: every
 * affected group is deleted (those that emptied stay deleted) and the recomputed ones appended.
 * A MERGE would do the same in one statement, but a 10-million-line delivery touches about five
 * million member-months, and DuckDB's MERGE of those ran out of the worker's 1GB memory cap
 * (bench/pipeline/README.md); a delete and an append stay within it.
 */
export function refreshGoldSql(gold: GoldTable, silver: TableRef): string[] {
  const target = duckdbSql.qualifiedTableName(gold.ref);
  const keySelect = gold.keys.map((key) => `${key.sql} AS ${quoteIdentifier(key.name)}`);
  const measureSelect = gold.measures.map((measure) => `${measure.sql} AS ${quoteIdentifier(measure.name)}`);
  const groupSql = gold.keys.map((key) => key.sql).join(', ');
  const all = [...gold.keys.map((key) => key.name), ...gold.measures.map((measure) => measure.name)].map(quoteIdentifier);
  const withinAffected = `EXISTS (SELECT 1 FROM ${affected(gold)} AS a WHERE ${gold.keys.map((key) => `a.${quoteIdentifier(key.name)} IS NOT DISTINCT FROM ${key.sql}`).join(' AND ')})`;
  return [
    `CREATE OR REPLACE TEMP TABLE ${recomputed(gold)} AS SELECT ${[...keySelect, ...measureSelect].join(', ')} FROM ${duckdbSql.qualifiedTableName(silver)} AS s WHERE ${withinAffected} GROUP BY ${groupSql}`,
    `DELETE FROM ${target} AS target WHERE EXISTS (SELECT 1 FROM ${affected(gold)} AS a WHERE ${keyMatch(gold, 'a', 'target')})`,
    `INSERT INTO ${target} (${all.join(', ')}) SELECT ${all.join(', ')} FROM ${recomputed(gold)}`,
  ];
}

export function goldRowsSql(gold: GoldTable): string {
  return `SELECT count(*) AS n FROM ${recomputed(gold)}`;
}

/** One row per (silver table, run): the run's quality, next to the spend it fed. */
export function qualitySummaryTable(catalog: string): TableRef {
  return { catalog, schema: 'gold', table: 'quality_summary' };
}

const SUMMARY_COLUMNS = [
  ['table_name', 'VARCHAR'],
  ['run_id', 'VARCHAR'],
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

export function ensureQualitySummarySql(table: TableRef): string {
  return `CREATE TABLE IF NOT EXISTS ${duckdbSql.qualifiedTableName(table)} (${SUMMARY_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`;
}

export function mergeQualitySummarySql(table: TableRef, values: Record<(typeof SUMMARY_COLUMNS)[number][0], string | number>): string {
  const literal = (value: string | number) => (typeof value === 'number' ? String(value) : duckdbSql.sqlString(value));
  const names = SUMMARY_COLUMNS.map(([name]) => name);
  const row = names.map((name) => `${literal(values[name])} AS ${name}`).join(', ');
  return `MERGE INTO ${duckdbSql.qualifiedTableName(table)} AS target USING (SELECT ${row}) AS fresh ON target.table_name = fresh.table_name AND target.run_id = fresh.run_id
WHEN MATCHED THEN UPDATE SET ${names.map((name) => `${name} = fresh.${name}`).join(', ')}
WHEN NOT MATCHED THEN INSERT (${names.join(', ')}) VALUES (${names.map((name) => `fresh.${name}`).join(', ')})`;
}

import type { TableRef } from '@ade/contracts';
import { duckdbSql } from '@ade/lakehouse';
import type { CanonicalColumn, CanonicalSchema } from '@ade/healthcare';
import { parsedDateColumn } from '../parsed-dates';
import { SOURCE_TABLE } from '../source-table';
import { quoteIdentifier } from '../sql/identifiers';
import type { Expectation } from './expectations';
import { failedListSql, JUDGED, passesAll } from './judgement-sql';
import { STAGE_META } from './stage-sql';

/** The rows bound for silver this time, typed as silver stores them. */
export const SILVER_BATCH = 'silver_batch';

const SILVER_META = `_run_id VARCHAR, _source_file VARCHAR, _bronze_rowid BIGINT, _bronze_line BIGINT, _repairs VARCHAR, _warnings VARCHAR[], _release_id VARCHAR`;
const QUARANTINE_META = `_rule_ids VARCHAR[], _messages VARCHAR[], _warnings VARCHAR[], _run_id VARCHAR, _source_file VARCHAR, _bronze_rowid BIGINT, _bronze_line BIGINT, _layout VARCHAR, _repairs VARCHAR, _quarantined_at TIMESTAMPTZ, _released_at TIMESTAMPTZ, _release_id VARCHAR`;

export function silverTypeOf(column: CanonicalColumn): string {
  switch (column.type) {
    case 'date':
      return 'DATE';
    case 'decimal':
      return column.name.endsWith('_amount') ? 'DECIMAL(18,2)' : 'DECIMAL(18,4)';
    case 'integer':
      return 'BIGINT';
    case 'string':
      return 'VARCHAR';
  }
}

/**
 * Silver and its quarantine hold every canonical column of the data type whatever a file brought
 * (absent ones are NULL), so a table's shape never depends on one delivery. IF NOT EXISTS on the
 * columns too, so a schema that gains a column extends old tables.
 */
export function ensureSilverSql(silver: TableRef, quarantine: TableRef, schema: CanonicalSchema): string[] {
  const typed = schema.columns.map((column) => `${quoteIdentifier(column.name)} ${silverTypeOf(column)}`);
  const text = schema.columns.map((column) => `${quoteIdentifier(column.name)} VARCHAR`);
  return [
    `CREATE TABLE IF NOT EXISTS ${duckdbSql.qualifiedTableName(silver)} (${[...typed, SILVER_META].join(', ')})`,
    `CREATE TABLE IF NOT EXISTS ${duckdbSql.qualifiedTableName(quarantine)} (${[...text, QUARANTINE_META].join(', ')})`,
    ...schema.columns.flatMap((column) => [
      `ALTER TABLE ${duckdbSql.qualifiedTableName(silver)} ADD COLUMN IF NOT EXISTS ${quoteIdentifier(column.name)} ${silverTypeOf(column)}`,
      `ALTER TABLE ${duckdbSql.qualifiedTableName(quarantine)} ADD COLUMN IF NOT EXISTS ${quoteIdentifier(column.name)} VARCHAR`,
    ]),
    // Tables made before lines side by side were read one per row, and before the quarantine kept the layout.
    ...[silver, quarantine].map((table) => `ALTER TABLE ${duckdbSql.qualifiedTableName(table)} ADD COLUMN IF NOT EXISTS _bronze_line BIGINT`),
    `ALTER TABLE ${duckdbSql.qualifiedTableName(quarantine)} ADD COLUMN IF NOT EXISTS _layout VARCHAR`,
  ];
}

function typedValueSql(column: CanonicalColumn, present: ReadonlySet<string>): string {
  if (!present.has(column.name)) return `NULL::${silverTypeOf(column)}`;
  const value = `${SOURCE_TABLE}.${quoteIdentifier(column.name)}`;
  if (column.type === 'date') return `${SOURCE_TABLE}.${quoteIdentifier(parsedDateColumn(column.name))}`;
  if (column.type === 'string') return value;
  return `TRY_CAST(${value} AS ${silverTypeOf(column)})`;
}

/**
 * The rows that pass every `drop` expectation, typed. When repeats of a business key are kept
 * (duplicates only warned about), the first occurrence goes on: a MERGE takes one row per key.
 */
export function silverBatchSql(schema: CanonicalSchema, present: ReadonlySet<string>, expectations: readonly Expectation[], releaseId: string | null): string {
  const columns = schema.columns.map((column) => `${typedValueSql(column, present)} AS ${quoteIdentifier(column.name)}`);
  const meta = [
    `${SOURCE_TABLE}.${STAGE_META.runId} AS _run_id`,
    `${SOURCE_TABLE}.${STAGE_META.sourceFile} AS _source_file`,
    `${SOURCE_TABLE}.${STAGE_META.bronzeRowid} AS _bronze_rowid`,
    `${SOURCE_TABLE}.${STAGE_META.bronzeLine} AS _bronze_line`,
    `${SOURCE_TABLE}.${STAGE_META.repairs} AS _repairs`,
    `${failedListSql(expectations, 'warn', 'id')} AS _warnings`,
    `${releaseId === null ? 'NULL' : duckdbSql.sqlString(releaseId)}::VARCHAR AS _release_id`,
  ];
  const duplicatesDropped = expectations.some((e) => e.rule === 'integrity.duplicate_line' && e.action === 'drop');
  const keys = schema.businessKey.filter((column) => present.has(column)).map((column) => `${SOURCE_TABLE}.${quoteIdentifier(column)}`);
  const firstPerKey = !duplicatesDropped && keys.length > 0 ? ` QUALIFY row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${SOURCE_TABLE}.${STAGE_META.bronzeRowid}, ${SOURCE_TABLE}.${STAGE_META.bronzeLine}) = 1` : '';
  return `CREATE OR REPLACE TEMP TABLE ${SILVER_BATCH} AS SELECT ${[...columns, ...meta].join(', ')} FROM ${JUDGED} WHERE ${passesAll(expectations, 'drop')}${firstPerKey}`;
}

/** Rows an earlier delivery of these runs put in silver go first, so a re-run cannot leave extras. */
export function deleteRunsFromSilverSql(silver: TableRef, runIds: readonly string[]): string {
  return `DELETE FROM ${duckdbSql.qualifiedTableName(silver)} WHERE _run_id IN (${runIds.map(duckdbSql.sqlString).join(', ')}) AND _release_id IS NULL`;
}

/**
 * Upsert by business key: a later delivery of a claim line replaces the earlier one. Spelled as
 * a delete of the keys the batch brings, then an append, which DuckDB does several times faster
 * than MERGE at a million rows (bench/pipeline); both statements run in the caller's transaction.
 */
export function upsertSilverSql(silver: TableRef, schema: CanonicalSchema): string[] {
  const names = [...schema.columns.map((column) => column.name), '_run_id', '_source_file', '_bronze_rowid', '_bronze_line', '_repairs', '_warnings', '_release_id'].map(quoteIdentifier);
  const target = duckdbSql.qualifiedTableName(silver);
  const insert = `INSERT INTO ${target} (${names.join(', ')}) SELECT ${names.join(', ')} FROM ${SILVER_BATCH}`;
  if (schema.businessKey.length === 0) return [insert];
  const matches = schema.businessKey.map((column) => `batch.${quoteIdentifier(column)} = target.${quoteIdentifier(column)}`).join(' AND ');
  return [`DELETE FROM ${target} AS target WHERE EXISTS (SELECT 1 FROM ${SILVER_BATCH} AS batch WHERE ${matches})`, insert];
}

/**
 * Rows failing a `drop` expectation, with the ids and messages of what they failed and the layout
 * their file was read as (a release judges them as that layout's files are judged). A row already
 * quarantined (by an earlier delivery of its run: same bronze row and line) is not added again, so
 * its release mark survives.
 */
export function insertQuarantineSql(quarantine: TableRef, schema: CanonicalSchema, present: ReadonlySet<string>, expectations: readonly Expectation[], layoutId: string | null): string {
  const target = duckdbSql.qualifiedTableName(quarantine);
  const columns = schema.columns.map((column) => column.name);
  const values = columns.map((column) => (present.has(column) ? `${SOURCE_TABLE}.${quoteIdentifier(column)}` : 'NULL'));
  const names = [...columns.map(quoteIdentifier), '_rule_ids', '_messages', '_warnings', '_run_id', '_source_file', '_bronze_rowid', '_bronze_line', '_layout', '_repairs', '_quarantined_at'];
  const meta = [
    failedListSql(expectations, 'drop', 'id'),
    failedListSql(expectations, 'drop', 'message'),
    failedListSql(expectations, 'warn', 'id'),
    `${SOURCE_TABLE}.${STAGE_META.runId}`,
    `${SOURCE_TABLE}.${STAGE_META.sourceFile}`,
    `${SOURCE_TABLE}.${STAGE_META.bronzeRowid}`,
    `${SOURCE_TABLE}.${STAGE_META.bronzeLine}`,
    `${layoutId === null ? 'NULL' : duckdbSql.sqlString(layoutId)}::VARCHAR`,
    `${SOURCE_TABLE}.${STAGE_META.repairs}`,
    'current_timestamp',
  ];
  return `INSERT INTO ${target} (${names.join(', ')}) SELECT ${[...values, ...meta].join(', ')} FROM ${JUDGED}
WHERE NOT ${passesAll(expectations, 'drop')} AND NOT EXISTS (SELECT 1 FROM ${target} AS q WHERE q._run_id = ${SOURCE_TABLE}.${STAGE_META.runId} AND q._bronze_rowid = ${SOURCE_TABLE}.${STAGE_META.bronzeRowid} AND q._bronze_line IS NOT DISTINCT FROM ${SOURCE_TABLE}.${STAGE_META.bronzeLine})`;
}

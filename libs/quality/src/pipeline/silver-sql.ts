import type { TableRef } from '@ade/contracts';
import type { CanonicalColumn, CanonicalSchema } from '@ade/healthcare';
import { parsedDateColumn } from '../parsed-dates';
import { SOURCE_TABLE } from '../source-table';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';
import type { Expectation } from './expectations';
import { failedListSql, JUDGED, passesAll } from './judgement-sql';
import { STAGE_META } from './stage-sql';

/** The rows bound for silver this time, typed as silver stores them. */
export const SILVER_BATCH = 'silver_batch';

type MetaType = 'text' | 'textList' | 'timestamp' | 'BIGINT';
const SILVER_META: ReadonlyArray<readonly [string, MetaType]> = [
  ['_run_id', 'text'],
  ['_source_file', 'text'],
  ['_bronze_rowid', 'BIGINT'],
  ['_bronze_line', 'BIGINT'],
  ['_repairs', 'text'],
  ['_warnings', 'textList'],
  ['_release_id', 'text'],
];
const QUARANTINE_META: ReadonlyArray<readonly [string, MetaType]> = [
  ['_rule_ids', 'textList'],
  ['_messages', 'textList'],
  ['_warnings', 'textList'],
  ['_run_id', 'text'],
  ['_source_file', 'text'],
  ['_bronze_rowid', 'BIGINT'],
  ['_bronze_line', 'BIGINT'],
  ['_layout', 'text'],
  ['_repairs', 'text'],
  ['_quarantined_at', 'timestamp'],
  ['_released_at', 'timestamp'],
  ['_release_id', 'text'],
];

function metaTypeOf(type: MetaType, stage: StageDialect): string {
  return type === 'BIGINT' ? type : stage.types[type];
}

/** Every column of silver (`typed`) or its quarantine (canonical columns as text) with its type, in table order. */
export function medallionColumns(schema: CanonicalSchema, table: 'silver' | 'quarantine', stage: StageDialect = duckdbStage): Array<readonly [string, string]> {
  const canonical = schema.columns.map((column) => [column.name, table === 'silver' ? silverTypeOf(column, stage) : stage.types.text] as const);
  const meta = (table === 'silver' ? SILVER_META : QUARANTINE_META).map(([name, type]) => [name, metaTypeOf(type, stage)] as const);
  return [...canonical, ...meta];
}

export function silverTypeOf(column: CanonicalColumn, stage: StageDialect = duckdbStage): string {
  switch (column.type) {
    case 'date':
      return 'DATE';
    case 'decimal':
      return column.name.endsWith('_amount') ? 'DECIMAL(18,2)' : 'DECIMAL(18,4)';
    case 'integer':
      return 'BIGINT';
    case 'string':
      return stage.types.text;
  }
}

/**
 * Silver and its quarantine hold every canonical column of the data type whatever a file brought
 * (absent ones are NULL), so a table's shape never depends on one delivery. IF NOT EXISTS on the
 * columns too, so a schema that gains a column extends old tables.
 */
export function ensureSilverSql(silver: TableRef, quarantine: TableRef, schema: CanonicalSchema, stage: StageDialect = duckdbStage): string[] {
  const quoteIdentifier = stage.quote;
  const definition = (table: 'silver' | 'quarantine') => medallionColumns(schema, table, stage).map(([name, type]) => `${name.startsWith('_') ? name : quoteIdentifier(name)} ${type}`).join(', ');
  const creates = [
    `CREATE TABLE IF NOT EXISTS ${stage.table(silver)} (${definition('silver')})${stage.tableOptions}`,
    `CREATE TABLE IF NOT EXISTS ${stage.table(quarantine)} (${definition('quarantine')})${stage.tableOptions}`,
  ];
  // Delta has no ADD COLUMN IF NOT EXISTS: there, columns a newer schema adds are added by addMissingColumnsSql.
  if (stage.writes === 'merge') return creates;
  return [
    ...creates,
    ...schema.columns.flatMap((column) => [
      `ALTER TABLE ${stage.table(silver)} ADD COLUMN IF NOT EXISTS ${quoteIdentifier(column.name)} ${silverTypeOf(column)}`,
      `ALTER TABLE ${stage.table(quarantine)} ADD COLUMN IF NOT EXISTS ${quoteIdentifier(column.name)} VARCHAR`,
    ]),
    // Tables made before lines side by side were read one per row, and before the quarantine kept the layout.
    ...[silver, quarantine].map((table) => `ALTER TABLE ${stage.table(table)} ADD COLUMN IF NOT EXISTS _bronze_line BIGINT`),
    `ALTER TABLE ${stage.table(quarantine)} ADD COLUMN IF NOT EXISTS _layout VARCHAR`,
  ];
}

/** The statement adding to `table` the columns of `wanted` it lacks (by name, as `existing` lists them); null when none. */
export function addMissingColumnsSql(table: TableRef, existing: readonly string[], wanted: ReadonlyArray<readonly [string, string]>, stage: StageDialect): string | null {
  const have = new Set(existing);
  const missing = wanted.filter(([name]) => !have.has(name));
  return missing.length ? `ALTER TABLE ${stage.table(table)} ADD COLUMNS (${missing.map(([name, type]) => `${stage.quote(name)} ${type}`).join(', ')})` : null;
}

function typedValueSql(column: CanonicalColumn, present: ReadonlySet<string>, stage: StageDialect): string {
  if (!present.has(column.name)) return stage.castAs('NULL', silverTypeOf(column, stage));
  const value = `${SOURCE_TABLE}.${stage.quote(column.name)}`;
  if (column.type === 'date') return `${SOURCE_TABLE}.${stage.quote(parsedDateColumn(column.name))}`;
  if (column.type === 'string') return value;
  return `TRY_CAST(${value} AS ${silverTypeOf(column, stage)})`;
}

/**
 * The rows that pass every `drop` expectation, typed. When repeats of a business key are kept
 * (duplicates only warned about), the first occurrence goes on: a MERGE takes one row per key.
 */
export function silverBatchSql(
  schema: CanonicalSchema,
  present: ReadonlySet<string>,
  expectations: readonly Expectation[],
  releaseId: string | null,
  stage: StageDialect = duckdbStage,
): string {
  const quoteIdentifier = stage.quote;
  const columns = schema.columns.map((column) => `${typedValueSql(column, present, stage)} AS ${quoteIdentifier(column.name)}`);
  const meta = [
    `${SOURCE_TABLE}.${STAGE_META.runId} AS _run_id`,
    `${SOURCE_TABLE}.${STAGE_META.sourceFile} AS _source_file`,
    `${SOURCE_TABLE}.${STAGE_META.bronzeRowid} AS _bronze_rowid`,
    `${SOURCE_TABLE}.${STAGE_META.bronzeLine} AS _bronze_line`,
    `${SOURCE_TABLE}.${STAGE_META.repairs} AS _repairs`,
    `${failedListSql(expectations, 'warn', 'id', stage)} AS _warnings`,
    `${stage.castAs(releaseId === null ? 'NULL' : stage.expressions.string(releaseId), stage.types.text)} AS _release_id`,
  ];
  const duplicatesDropped = expectations.some((e) => e.rule === 'integrity.duplicate_line' && e.action === 'drop');
  const keys = schema.businessKey.filter((column) => present.has(column)).map((column) => `${SOURCE_TABLE}.${quoteIdentifier(column)}`);
  const firstPerKey = !duplicatesDropped && keys.length > 0 ? ` QUALIFY row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${SOURCE_TABLE}.${STAGE_META.bronzeRowid}, ${SOURCE_TABLE}.${STAGE_META.bronzeLine}) = 1` : '';
  return stage.work.createAs(SILVER_BATCH, `SELECT ${[...columns, ...meta].join(', ')} FROM ${stage.work.from(JUDGED)} WHERE ${passesAll(expectations, 'drop')}${firstPerKey}`);
}

/** Rows an earlier delivery of these runs put in silver go first, so a re-run cannot leave extras. */
export function deleteRunsFromSilverSql(silver: TableRef, runIds: readonly string[], stage: StageDialect = duckdbStage): string {
  return `DELETE FROM ${stage.table(silver)} WHERE _run_id IN (${runIds.map(stage.expressions.string).join(', ')}) AND _release_id IS NULL`;
}

/**
 * Upsert by business key: a later delivery of a claim line replaces the earlier one. Spelled as
 * a delete of the keys the batch brings, then an append, which DuckDB does several times faster
 * than MERGE at a million rows (bench/pipeline); both statements run in the caller's transaction.
 */
export function upsertSilverSql(silver: TableRef, schema: CanonicalSchema, stage: StageDialect = duckdbStage): string[] {
  const quoteIdentifier = stage.quote;
  const names = [...schema.columns.map((column) => column.name), '_run_id', '_source_file', '_bronze_rowid', '_bronze_line', '_repairs', '_warnings', '_release_id'].map(quoteIdentifier);
  const target = stage.table(silver);
  const batch = stage.work.ref(SILVER_BATCH);
  const insert = `INSERT INTO ${target} (${names.join(', ')}) SELECT ${names.join(', ')} FROM ${batch}`;
  if (schema.businessKey.length === 0) return [insert];
  const matches = schema.businessKey.map((column) => `batch.${quoteIdentifier(column)} = target.${quoteIdentifier(column)}`).join(' AND ');
  if (stage.writes === 'merge') {
    // One MERGE: Delta commits it whole. The batch holds one row per business key (see silverBatchSql).
    return [
      `MERGE INTO ${target} AS target USING ${batch} AS batch ON ${matches} ` +
        `WHEN MATCHED THEN UPDATE SET ${names.map((name) => `${name} = batch.${name}`).join(', ')} ` +
        `WHEN NOT MATCHED THEN INSERT (${names.join(', ')}) VALUES (${names.map((name) => `batch.${name}`).join(', ')})`,
    ];
  }
  return [`DELETE FROM ${target} AS target WHERE EXISTS (SELECT 1 FROM ${batch} AS batch WHERE ${matches})`, insert];
}

/**
 * Rows failing a `drop` expectation, with the ids and messages of what they failed and the layout
 * their file was read as (a release judges them as that layout's files are judged). A row already
 * quarantined (by an earlier delivery of its run: same bronze row and line) is not added again, so
 * its release mark survives.
 */
export function insertQuarantineSql(
  quarantine: TableRef,
  schema: CanonicalSchema,
  present: ReadonlySet<string>,
  expectations: readonly Expectation[],
  layoutId: string | null,
  stage: StageDialect = duckdbStage,
): string {
  const quoteIdentifier = stage.quote;
  const target = stage.table(quarantine);
  const columns = schema.columns.map((column) => column.name);
  const values = columns.map((column) => (present.has(column) ? `${SOURCE_TABLE}.${quoteIdentifier(column)}` : 'NULL'));
  const names = [...columns.map(quoteIdentifier), '_rule_ids', '_messages', '_warnings', '_run_id', '_source_file', '_bronze_rowid', '_bronze_line', '_layout', '_repairs', '_quarantined_at'];
  const meta = [
    failedListSql(expectations, 'drop', 'id', stage),
    failedListSql(expectations, 'drop', 'message', stage),
    failedListSql(expectations, 'warn', 'id', stage),
    `${SOURCE_TABLE}.${STAGE_META.runId}`,
    `${SOURCE_TABLE}.${STAGE_META.sourceFile}`,
    `${SOURCE_TABLE}.${STAGE_META.bronzeRowid}`,
    `${SOURCE_TABLE}.${STAGE_META.bronzeLine}`,
    stage.castAs(layoutId === null ? 'NULL' : stage.expressions.string(layoutId), stage.types.text),
    `${SOURCE_TABLE}.${STAGE_META.repairs}`,
    'current_timestamp',
  ];
  return `INSERT INTO ${target} (${names.join(', ')}) SELECT ${[...values, ...meta].join(', ')} FROM ${stage.work.from(JUDGED)}
WHERE NOT ${passesAll(expectations, 'drop')} AND NOT EXISTS (SELECT 1 FROM ${target} AS q WHERE q._run_id = ${SOURCE_TABLE}.${STAGE_META.runId} AND q._bronze_rowid = ${SOURCE_TABLE}.${STAGE_META.bronzeRowid} AND q._bronze_line IS NOT DISTINCT FROM ${SOURCE_TABLE}.${STAGE_META.bronzeLine})`;
}

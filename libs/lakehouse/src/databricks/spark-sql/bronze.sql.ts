import type { SchemaColumn, TableRef } from '@ade/contracts';
import { BRONZE_PROPERTIES, checkpointsTable } from './catalog.sql';
import { quoteColumnName, schemaTable, sqlInteger, sqlString, sqlTimestamp } from './literals';
import { misfitSql } from './value-fit.sql';

/**
 * SQL for landing a staged file in a bronze table. Header names appear in these statements (a
 * column is created or selected by name), so they go through `quoteColumnName`; values never do.
 */

/** Written into every row of one ingest; the exact `ingestedAt` also marks the rows as that ingest's. */
export interface BronzeBatch {
  sourceFile: string;
  runId: string;
  ingestedAt: Date;
}

const target = (table: TableRef) => schemaTable(table.schema, table.table);

/** Bronze stores raw text: every data column is STRING whatever its registered type. */
export function createBronzeTableSql(table: TableRef, columns: readonly string[]): string {
  const data = columns.map((name) => `  ${quoteColumnName(name)} STRING,`);
  return `CREATE TABLE IF NOT EXISTS ${target(table)} (
${data.join('\n')}
  _source_file STRING,
  _ingested_at TIMESTAMP,
  _run_id STRING,
  _rescued_data STRING
) USING DELTA ${BRONZE_PROPERTIES}`;
}

/** Delta's ADD COLUMNS has no IF NOT EXISTS: the caller passes only the columns the table lacks. */
export function addBronzeColumnsSql(table: TableRef, columns: readonly string[]): string {
  return `ALTER TABLE ${target(table)} ADD COLUMNS (${columns.map((name) => `${quoteColumnName(name)} STRING`).join(', ')})`;
}

function metadataValues(batch: BronzeBatch): string[] {
  return [sqlString(batch.sourceFile), sqlTimestamp(batch.ingestedAt), sqlString(batch.runId)];
}

/** Without a plan: BY NAME, so a file with reordered or fewer columns still lands. */
export function insertBronzeByNameSql(table: TableRef, rawSource: string, batch: BronzeBatch): string {
  const [file, at, run] = metadataValues(batch);
  return `INSERT INTO ${target(table)} BY NAME
SELECT src.*, ${file} AS _source_file, ${at} AS _ingested_at, ${run} AS _run_id, CAST(NULL AS STRING) AS _rescued_data
FROM (${rawSource}) AS src`;
}

export interface PlannedColumns {
  land: ReadonlyArray<{ source: string; column: string; type: string }>;
  rescue: readonly string[];
}

/**
 * By the plan: each landed header into its column, NULL where a value does not fit the column's
 * registered type. `_rescued_data` is a JSON object of the rescued headers' values and the values
 * that did not fit, keyed by file header, plus `_file_path` as Auto Loader writes it; to_json
 * leaves out NULL members, and the whole is NULL when there is nothing to rescue.
 */
export function insertPlannedBronzeSql(table: TableRef, rawSource: string, plan: PlannedColumns, batch: BronzeBatch): string {
  const value = (header: string) => `src.${quoteColumnName(header)}`;
  const typed = plan.land.map((entry) => ({ ...entry, misfit: entry.type === 'VARCHAR' ? null : misfitSql(value(entry.source), entry.type) }));
  const targets = [...plan.land.map((entry) => quoteColumnName(entry.column)), '_source_file', '_ingested_at', '_run_id', '_rescued_data'];
  const values = [
    ...typed.map((entry) => (entry.misfit === null ? value(entry.source) : `CASE WHEN ${entry.misfit} THEN NULL ELSE ${value(entry.source)} END`)),
    ...metadataValues(batch),
    rescuedDataSql(plan.rescue, typed, batch.sourceFile),
  ];
  return `INSERT INTO ${target(table)} (${targets.join(', ')})
SELECT
  ${values.join(',\n  ')}
FROM (${rawSource}) AS src`;
}

function rescuedDataSql(rescue: readonly string[], typed: ReadonlyArray<{ source: string; misfit: string | null }>, sourceFile: string): string {
  const value = (header: string) => `src.${quoteColumnName(header)}`;
  const misfits = typed.filter((entry): entry is { source: string; misfit: string } => entry.misfit !== null);
  const members = [
    ...rescue.map((header) => [header, value(header)] as const),
    ...misfits.map((entry) => [entry.source, `CASE WHEN ${entry.misfit} THEN ${value(entry.source)} END`] as const),
  ];
  if (members.length === 0) return 'CAST(NULL AS STRING)';
  const anything = [...rescue.map((header) => `${value(header)} IS NOT NULL`), ...misfits.map((entry) => entry.misfit)].join(' OR ');
  const struct = `named_struct(${members.map(([key, member]) => `${sqlString(key)}, ${member}`).join(', ')}, '_file_path', ${sqlString(sourceFile)})`;
  return `CASE WHEN ${anything} THEN to_json(${struct}) END`;
}

/**
 * Rows an ingest of this file wrote without ever committing its checkpoint: the same run's
 * (a redelivered job), or any run's once older than `abandonedAfterSeconds` (its writer is gone:
 * no statement outlives the session's statement timeout). Removed before landing again, so a
 * crash between the two commits never doubles a file.
 */
export function removeUncheckpointedRowsSql(table: TableRef, qualifiedName: string, batch: BronzeBatch, abandonedAfterSeconds: number): string {
  return `DELETE FROM ${target(table)}
WHERE _source_file = ${sqlString(batch.sourceFile)}
  AND (_run_id = ${sqlString(batch.runId)} OR _ingested_at < current_timestamp() - INTERVAL ${sqlInteger(abandonedAfterSeconds)} SECONDS)
  AND _run_id NOT IN (SELECT run_id FROM ${checkpointsTable()} WHERE source_file = ${sqlString(batch.sourceFile)} AND target_table = ${sqlString(qualifiedName)})`;
}

/** This ingest's own rows, after another ingest of the same delivery won the checkpoint. */
export function removeBatchSql(table: TableRef, batch: BronzeBatch): string {
  return `DELETE FROM ${target(table)}
WHERE _source_file = ${sqlString(batch.sourceFile)} AND _run_id = ${sqlString(batch.runId)} AND _ingested_at = ${sqlTimestamp(batch.ingestedAt)}`;
}

/** Columns for a sampled inference: positional aliases, so no header is ever an alias. */
export function sampleColumnsSql(rawSource: string, columns: readonly SchemaColumn[], sampleRows: number): string {
  const measures = columns.flatMap((column, i) => {
    const value = `src.${quoteColumnName(column.name)}`;
    const misfits = column.type === 'VARCHAR' ? '0' : `count_if(${misfitSql(value, column.type)})`;
    return [`count(${value}) AS n${i}`, `${misfits} AS m${i}`];
  });
  return `SELECT ${measures.join(', ')} FROM (SELECT * FROM (${rawSource}) AS raw LIMIT ${sqlInteger(sampleRows)}) AS src`;
}

/** Per column, how many of its first values are its own name (ignoring case and blanks): counts only, never a value. */
export function namesAmongValuesSql(rawSource: string, columns: readonly string[], sampleRows: number): string {
  const measures = columns.map((name, i) => `count_if(lower(trim(src.${quoteColumnName(name)})) = lower(trim(${sqlString(name)}))) AS s${i}`);
  return `SELECT ${measures.join(', ')} FROM (SELECT * FROM (${rawSource}) AS raw LIMIT ${sqlInteger(sampleRows)}) AS src`;
}

import type { TableRef } from '@ade/contracts';
import type { BronzeRowMetadata } from './bronze.sql';
import { qualifiedTableName, quoteColumnName, sqlString } from './literals';
import { misfitSql } from './value-fit.sql';

/**
 * SQL for landing a file by a column plan. Header names have to appear in these statements (a
 * column is added or selected by name), so they go through `quoteColumnName`; values never do.
 */

export interface PlannedColumns {
  land: ReadonlyArray<{ source: string; column: string; type: string }>;
  rescue: readonly string[];
}

/** Bronze stores raw text: every data column is VARCHAR whatever its registered type. */
export function createPlannedBronzeTableSql(table: TableRef, columns: readonly string[]): string {
  const data = columns.map((name) => `  ${quoteColumnName(name)} VARCHAR,`);
  return `CREATE TABLE IF NOT EXISTS ${qualifiedTableName(table)} (
${data.join('\n')}
  _source_file VARCHAR,
  _ingested_at TIMESTAMPTZ,
  _run_id VARCHAR,
  _rescued_data VARCHAR
)`;
}

/** IF NOT EXISTS: DuckDB compares names case-insensitively, as it does when inserting. */
export function addBronzeColumnSql(table: TableRef, column: string): string {
  return `ALTER TABLE ${qualifiedTableName(table)} ADD COLUMN IF NOT EXISTS ${quoteColumnName(column)} VARCHAR`;
}

/**
 * An explicit projection: each landed header into its column, NULL where a value does not fit the
 * column's registered type. `_rescued_data` collects, as a JSON object keyed by file header, the
 * values of rescued headers and the values that did not fit, plus `_file_path` as Auto Loader
 * does; NULL when there is nothing to rescue. Whether a value fits is decided once per row and
 * column in an inner projection (`__fits_<n>`), and the JSON is only built for rows that have
 * something to rescue: both matter at millions of rows. json_merge_patch onto '{}' drops the NULL
 * members. A rescued header named `_file_path` would clash with that key; the plan check refuses one.
 */
export function insertPlannedBronzeSql(table: TableRef, sourceSql: string, plan: PlannedColumns, metadata: BronzeRowMetadata): string {
  const typed = plan.land.map((entry, index) => ({ ...entry, fits: entry.type === 'VARCHAR' ? null : `__fits_${index}` }));
  const fitChecks = typed
    .filter((entry) => entry.fits !== null)
    .map((entry) => `${fitsSql(sourceValue(entry.source), entry.type)} AS ${entry.fits}`);
  const targets = [...plan.land.map((entry) => quoteColumnName(entry.column)), '_source_file', '_ingested_at', '_run_id', '_rescued_data'];
  const values = [
    ...typed.map((entry) => (entry.fits === null ? sourceValue(entry.source) : `CASE WHEN ${entry.fits} THEN ${sourceValue(entry.source)} END`)),
    sqlString(metadata.sourceFile),
    'current_timestamp',
    sqlString(metadata.runId),
    rescuedDataSql(plan.rescue, typed, metadata.sourceFile),
  ];
  return `INSERT INTO ${qualifiedTableName(table)} (${targets.join(', ')})
SELECT
  ${values.join(',\n  ')}
FROM (SELECT ${['src.*', ...fitChecks].join(', ')} FROM (${sourceSql}) AS src) AS src`;
}

function sourceValue(header: string): string {
  return `src.${quoteColumnName(header)}`;
}

/** TRUE when the value is absent or fits the type: it can land in the column as it is. */
function fitsSql(value: string, type: string): string {
  return `NOT ${misfitSql(value, type)}`;
}

function rescuedDataSql(rescue: readonly string[], typed: ReadonlyArray<{ source: string; fits: string | null }>, sourceFile: string): string {
  const misfits = typed.filter((entry): entry is { source: string; fits: string } => entry.fits !== null);
  const members = [
    ...rescue.map((header) => [header, sourceValue(header)] as const),
    ...misfits.map((entry) => [entry.source, `CASE WHEN NOT ${entry.fits} THEN ${sourceValue(entry.source)} END`] as const),
  ];
  if (members.length === 0) return 'NULL::VARCHAR';
  const anything = [...rescue.map((header) => `${sourceValue(header)} IS NOT NULL`), ...misfits.map((entry) => `NOT ${entry.fits}`)].join(' OR ');
  const filePath = `'_file_path', ${sqlString(sourceFile)}`;
  const object = `json_object(${members.map(([key, value]) => `${sqlString(key)}, ${value}`).join(', ')}, ${filePath})`;
  return `CASE WHEN ${anything} THEN json_merge_patch('{}', ${object})::VARCHAR END`;
}

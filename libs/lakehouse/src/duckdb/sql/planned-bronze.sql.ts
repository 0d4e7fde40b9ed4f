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
 * does; NULL when there is nothing to rescue. json_merge_patch onto '{}' drops the NULL members.
 * A rescued header named `_file_path` would clash with that key; the plan check refuses one.
 */
export function insertPlannedBronzeSql(table: TableRef, sourceSql: string, plan: PlannedColumns, metadata: BronzeRowMetadata): string {
  const targets = [...plan.land.map((entry) => quoteColumnName(entry.column)), '_source_file', '_ingested_at', '_run_id', '_rescued_data'];
  const values = [
    ...plan.land.map((entry) => landedValueSql(entry.source, entry.type)),
    sqlString(metadata.sourceFile),
    'current_timestamp',
    sqlString(metadata.runId),
    rescuedDataSql(plan, metadata.sourceFile),
  ];
  return `INSERT INTO ${qualifiedTableName(table)} (${targets.join(', ')})
SELECT
  ${values.join(',\n  ')}
FROM (${sourceSql}) AS src`;
}

function sourceValue(header: string): string {
  return `src.${quoteColumnName(header)}`;
}

function landedValueSql(header: string, type: string): string {
  const value = sourceValue(header);
  return type === 'VARCHAR' ? value : `CASE WHEN NOT ${misfitSql(value, type)} THEN ${value} END`;
}

function rescuedDataSql(plan: PlannedColumns, sourceFile: string): string {
  const members = [
    ...plan.rescue.map((header) => [header, sourceValue(header)] as const),
    ...plan.land
      .filter((entry) => entry.type !== 'VARCHAR')
      .map((entry) => [entry.source, `CASE WHEN ${misfitSql(sourceValue(entry.source), entry.type)} THEN ${sourceValue(entry.source)} END`] as const),
  ];
  if (members.length === 0) return 'NULL::VARCHAR';
  const filePath = `'_file_path', ${sqlString(sourceFile)}`;
  const object = `json_object(${members.map(([key, value]) => `${sqlString(key)}, ${value}`).join(', ')}, ${filePath})`;
  // An object holding nothing but the path rescued nothing.
  return `NULLIF(json_merge_patch('{}', ${object}), json_object(${filePath}))::VARCHAR`;
}

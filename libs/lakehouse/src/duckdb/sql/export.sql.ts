import type { TableRef } from '@ade/contracts';
import { qualifiedTableName, sqlString } from './literals';

/** The table's columns and types, in order, for an export's manifest and filter. */
export function describeTableSql(table: TableRef): string {
  return `DESCRIBE SELECT * FROM ${qualifiedTableName(table)}`;
}

/**
 * Writes the table's rows, filtered by an already vetted and rewritten condition, to a local
 * file. DuckDB streams the query into the file, so memory does not grow with the table.
 */
export function exportTableSql(table: TableRef, condition: string | null, format: 'parquet' | 'csv', target: string): string {
  const select = `SELECT * FROM ${qualifiedTableName(table)}${condition === null ? '' : ` WHERE ${condition}`}`;
  const options = format === 'parquet' ? 'FORMAT parquet, COMPRESSION zstd' : 'FORMAT csv, HEADER true';
  return `COPY (${select}) TO ${sqlString(target)} (${options})`;
}

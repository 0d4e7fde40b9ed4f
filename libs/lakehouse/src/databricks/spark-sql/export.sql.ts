import type { TableRef } from '@ade/contracts';
import { quoteColumnName, schemaTable, sqlInteger, sqlString } from './literals';

/** The table's current Delta version, so the count and the written rows read the same snapshot. */
export function currentVersionSql(table: TableRef): string {
  return `DESCRIBE HISTORY ${schemaTable(table.schema, table.table)} LIMIT 1`;
}

export function describeTableSql(table: TableRef): string {
  return `DESCRIBE TABLE ${schemaTable(table.schema, table.table)}`;
}

function snapshot(table: TableRef, version: number, condition: string | null): string {
  return `${schemaTable(table.schema, table.table)} VERSION AS OF ${sqlInteger(version)}${condition === null ? '' : ` WHERE ${condition}`}`;
}

export function countSnapshotSql(table: TableRef, version: number, condition: string | null): string {
  return `SELECT count(*) AS n FROM ${snapshot(table, version, condition)}`;
}

/**
 * Writes the snapshot's rows as one file (COALESCE(1)) into a volume folder; the caller then
 * downloads it. Nested values are written as they are; bronze and silver hold scalars.
 */
export function writeSnapshotSql(table: TableRef, version: number, condition: string | null, format: 'parquet' | 'csv', volumeFolder: string, columns: readonly string[]): string {
  const options = format === 'parquet' ? `OPTIONS ('compression' = 'zstd')` : `OPTIONS ('header' = 'true')`;
  const projection = columns.map(quoteColumnName).join(', ');
  return `INSERT OVERWRITE DIRECTORY ${sqlString(volumeFolder)} USING ${format === 'parquet' ? 'PARQUET' : 'CSV'} ${options}
SELECT /*+ COALESCE(1) */ ${projection} FROM ${snapshot(table, version, condition)}`;
}

export function listVolumeSql(volumeFolder: string): string {
  return `LIST ${sqlString(volumeFolder)}`;
}

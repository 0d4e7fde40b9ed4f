import type { TableRef } from '@ade/contracts';
import { lineageTable } from './catalog.sql';
import { quoteIdentifier, schemaTable, sqlString } from './literals';

/** Unity Catalog's information schema of the session's catalog; names are stored lower-case. */
const whereTable = (table: TableRef) => `table_schema = ${sqlString(table.schema)} AND table_name = ${sqlString(table.table)}`;

export function tableExistsSql(table: TableRef): string {
  quoteIdentifier(table.table);
  return `SELECT count(*) AS n FROM information_schema.tables WHERE ${whereTable(table)}`;
}

export function tableColumnsSql(table: TableRef): string {
  quoteIdentifier(table.table);
  return `SELECT column_name, data_type FROM information_schema.columns WHERE ${whereTable(table)} ORDER BY ordinal_position`;
}

export function countRowsSql(table: TableRef): string {
  return `SELECT count(*) AS n FROM ${schemaTable(table.schema, table.table)}`;
}

/** The catalog's own schemas, without Unity Catalog's information_schema. */
export function schemasSql(): string {
  return `SELECT schema_name FROM information_schema.schemata WHERE schema_name <> 'information_schema' ORDER BY schema_name`;
}

/** Every column of every table in the catalog, in order; grouped per table by the caller. */
export function catalogColumnsSql(): string {
  return (
    `SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM information_schema.columns AS c ` +
    `JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name ` +
    `WHERE t.table_schema <> 'information_schema' AND t.table_type IN ('MANAGED', 'EXTERNAL') ` +
    `ORDER BY c.table_schema, c.table_name, c.ordinal_position`
  );
}

/** When the catalog's lineage last saw each table written (target, last write as epoch milliseconds). */
export function lastWritesSql(): string {
  return `SELECT target, unix_millis(max(recorded_at)) AS last_write_ms FROM ${lineageTable()} GROUP BY target`;
}

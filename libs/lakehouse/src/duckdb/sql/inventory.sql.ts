import { quoteIdentifier, sqlString } from './literals';

/** The catalog's schemas. */
export function schemasSql(catalog: string): string {
  return `SELECT schema_name FROM duckdb_schemas() WHERE database_name = ${sqlString(catalog)} ORDER BY 1`;
}

/** Each base table of the catalog with its columns in order. */
export function tablesWithColumnsSql(catalog: string): string {
  return (
    `SELECT t.schema_name, t.table_name, list(c.column_name ORDER BY c.column_index) AS columns ` +
    `FROM duckdb_tables() AS t JOIN duckdb_columns() AS c USING (database_name, schema_name, table_name) ` +
    `WHERE t.database_name = ${sqlString(catalog)} GROUP BY 1, 2 ORDER BY 1, 2`
  );
}

/** When the catalog's lineage last saw each table written (target, last write). */
export function lastWritesSql(catalog: string): string {
  return `SELECT target, max(recorded_at) AS last_write FROM ${quoteIdentifier(catalog)}."_system"."lineage" GROUP BY target`;
}

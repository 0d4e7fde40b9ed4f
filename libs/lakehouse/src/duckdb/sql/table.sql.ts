import type { TableRef } from '@ade/contracts';
import { qualifiedTableName, sqlString } from './literals';

function whereTable(table: TableRef): string {
  // Validated first so a bad name fails the same way here as in any statement naming the table.
  qualifiedTableName(table);
  return `database_name = ${sqlString(table.catalog)} AND schema_name = ${sqlString(table.schema)} AND table_name = ${sqlString(table.table)}`;
}

export function tableExistsSql(table: TableRef): string {
  return `SELECT count(*) AS n FROM duckdb_tables() WHERE ${whereTable(table)}`;
}

export function tableColumnsSql(table: TableRef): string {
  return `SELECT column_name FROM duckdb_columns() WHERE ${whereTable(table)} ORDER BY column_index`;
}

export function countRowsSql(table: TableRef): string {
  return `SELECT count(*) AS n FROM ${qualifiedTableName(table)}`;
}

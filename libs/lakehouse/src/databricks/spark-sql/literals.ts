import { sparkStringLiteral } from '@ade/contracts';
import { assertColumnName, assertSqlIdentifier, isoTimestamp } from '../../landing/sql-names';

export { sqlInteger } from '../../landing/sql-names';

/**
 * Literal and identifier rendering for Databricks SQL. Spark reads a backslash in a string
 * literal as an escape, so both the backslash and the quote are escaped; identifiers are quoted
 * with backticks, a backtick doubled inside.
 */

export const sqlString = sparkStringLiteral;

export function sqlTimestamp(value: Date): string {
  return `TIMESTAMP ${sqlString(isoTimestamp(value))}`;
}

/** A catalog, schema or table name: only names that passed SQL_IDENTIFIER, quoted so reserved words stay names. */
export function quoteIdentifier(name: string): string {
  return `\`${assertSqlIdentifier(name)}\``;
}

/**
 * A table inside the session's catalog. Sessions are opened with the tenant's catalog as their
 * initial catalog, so statements never name a catalog: a session cannot write to another one.
 */
export function schemaTable(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/**
 * A column named by a file header. Delta column names may not contain ` ,;{}()\n\t=` unless
 * column mapping is on, which bronze tables turn on (see catalog.sql.ts), so any header is a name.
 */
export function quoteColumnName(name: string): string {
  return `\`${assertColumnName(name).replaceAll('`', '``')}\``;
}

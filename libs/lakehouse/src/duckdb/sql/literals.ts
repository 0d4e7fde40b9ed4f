import type { TableRef } from '@ade/contracts';
import { assertLogicalTypeName } from '../../landing/bronze-columns';
import { assertColumnName, assertNoNul, assertSqlIdentifier, isoTimestamp } from '../../landing/sql-names';

export { sqlInteger } from '../../landing/sql-names';

/**
 * Literal and identifier rendering for the SQL this adapter emits. Values always go through
 * `sqlString`; identifiers only ever come from names that passed SQL_IDENTIFIER, so a table or
 * catalog name can never smuggle SQL in.
 */

/** A single-quoted literal. DuckDB strings have no backslash escapes, so doubling quotes is enough. */
export function sqlString(value: string): string {
  return `'${assertNoNul(value).replaceAll("'", "''")}'`;
}

export function sqlTimestamp(value: Date): string {
  return `${sqlString(isoTimestamp(value))}::TIMESTAMPTZ`;
}

/** Quoted even though validated, so names like `order` or `select` stay identifiers. */
export function quoteIdentifier(name: string): string {
  return `"${assertSqlIdentifier(name)}"`;
}

export function qualifiedTableName(ref: TableRef): string {
  return `${quoteIdentifier(ref.catalog)}.${quoteIdentifier(ref.schema)}.${quoteIdentifier(ref.table)}`;
}

/**
 * A column named by a file header, which may hold any character: DuckDB reads a doubled quote
 * inside a quoted identifier as one quote, so no header can end the identifier early.
 */
export function quoteColumnName(name: string): string {
  return `"${assertColumnName(name).replaceAll('"', '""')}"`;
}

/** A logical type for a CAST, e.g. `BIGINT`, `DECIMAL(18,2)`, `TIMESTAMP WITH TIME ZONE`. */
export function sqlLogicalType(type: string): string {
  return assertLogicalTypeName(type);
}

import { ContractViolation, SQL_IDENTIFIER, type TableRef } from '@ade/contracts';
import { assertLogicalTypeName } from '../../landing/bronze-columns';

/**
 * Literal and identifier rendering for the SQL this adapter emits. Values always go through
 * `sqlString`; identifiers only ever come from names that passed SQL_IDENTIFIER, so a table or
 * catalog name can never smuggle SQL in.
 */

/** A single-quoted literal. DuckDB strings have no backslash escapes, so doubling quotes is enough. */
export function sqlString(value: string): string {
  if (value.includes('\0')) throw new ContractViolation('a SQL string literal cannot contain a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new ContractViolation(`not a safe integer for SQL: ${value}`);
  return String(value);
}

export function sqlTimestamp(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new ContractViolation('invalid date for a SQL timestamp');
  return `${sqlString(value.toISOString())}::TIMESTAMPTZ`;
}

/** Quoted even though validated, so names like `order` or `select` stay identifiers. */
export function quoteIdentifier(name: string): string {
  if (!SQL_IDENTIFIER.test(name)) {
    throw new ContractViolation(`'${name}' is not a valid SQL identifier (lower-case letters, digits, underscores)`);
  }
  return `"${name}"`;
}

export function qualifiedTableName(ref: TableRef): string {
  return `${quoteIdentifier(ref.catalog)}.${quoteIdentifier(ref.schema)}.${quoteIdentifier(ref.table)}`;
}

/**
 * A column named by a file header, which may hold any character: DuckDB reads a doubled quote
 * inside a quoted identifier as one quote, so no header can end the identifier early.
 */
export function quoteColumnName(name: string): string {
  if (name.length === 0) throw new ContractViolation('a column name cannot be empty');
  if (name.includes('\0')) throw new ContractViolation('a column name cannot contain a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** A logical type for a CAST, e.g. `BIGINT`, `DECIMAL(18,2)`, `TIMESTAMP WITH TIME ZONE`. */
export function sqlLogicalType(type: string): string {
  return assertLogicalTypeName(type);
}

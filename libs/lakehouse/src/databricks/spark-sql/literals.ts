import { ContractViolation, SQL_IDENTIFIER } from '@ade/contracts';

/**
 * Literal and identifier rendering for Databricks SQL. Spark reads a backslash in a string
 * literal as an escape, so both the backslash and the quote are escaped; identifiers are quoted
 * with backticks, a backtick doubled inside.
 */

export function sqlString(value: string): string {
  if (value.includes('\0')) throw new ContractViolation('a SQL string literal cannot contain a NUL character');
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`;
}

export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new ContractViolation(`not a safe integer for SQL: ${value}`);
  return String(value);
}

export function sqlTimestamp(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new ContractViolation('invalid date for a SQL timestamp');
  return `TIMESTAMP ${sqlString(value.toISOString())}`;
}

/** A catalog, schema or table name: only names that passed SQL_IDENTIFIER, quoted so reserved words stay names. */
export function quoteIdentifier(name: string): string {
  if (!SQL_IDENTIFIER.test(name)) {
    throw new ContractViolation(`'${name}' is not a valid SQL identifier (lower-case letters, digits, underscores)`);
  }
  return `\`${name}\``;
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
  if (name.length === 0) throw new ContractViolation('a column name cannot be empty');
  if (name.includes('\0')) throw new ContractViolation('a column name cannot contain a NUL character');
  return `\`${name.replaceAll('`', '``')}\``;
}

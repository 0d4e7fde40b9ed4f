import { ContractViolation } from './violation';

/**
 * A Databricks (Spark) SQL string literal holding exactly `value`. Spark reads a backslash in a
 * string literal as an escape and has no doubled-quote escape, so the backslash and the quote are
 * escaped with a backslash; line breaks are written as \n and \r so a statement stays one line.
 * Lives here because the catalog adapter and the healthcare rules both render Databricks SQL.
 */
export function sparkStringLiteral(value: string): string {
  if (value.includes('\0')) throw new ContractViolation('a SQL string literal cannot contain a NUL character');
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`;
}

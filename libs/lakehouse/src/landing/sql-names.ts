import { ContractViolation, SQL_IDENTIFIER } from '@ade/contracts';

/**
 * The checks every engine's SQL rendering makes before it quotes a name or writes a number:
 * identifiers only ever come from names that passed SQL_IDENTIFIER, column names (file headers)
 * may hold anything but nothing and NUL, and numbers are safe integers.
 */

export function assertSqlIdentifier(name: string): string {
  if (!SQL_IDENTIFIER.test(name)) {
    throw new ContractViolation(`'${name}' is not a valid SQL identifier (lower-case letters, digits, underscores)`);
  }
  return name;
}

export function assertColumnName(name: string): string {
  if (name.length === 0) throw new ContractViolation('a column name cannot be empty');
  if (name.includes('\0')) throw new ContractViolation('a column name cannot contain a NUL character');
  return name;
}

export function assertNoNul(value: string): string {
  if (value.includes('\0')) throw new ContractViolation('a SQL string literal cannot contain a NUL character');
  return value;
}

export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new ContractViolation(`not a safe integer for SQL: ${value}`);
  return String(value);
}

/** The ISO text of a valid date, for an engine's timestamp literal. */
export function isoTimestamp(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new ContractViolation('invalid date for a SQL timestamp');
  return value.toISOString();
}

import { describe, expect, it } from 'vitest';
import { quoteColumnName, quoteIdentifier, schemaTable, sqlInteger, sqlString, sqlTimestamp } from './literals';

describe('Databricks SQL literals', () => {
  it('refuses a NUL in a string, a non-integer and an invalid date', () => {
    expect(() => sqlString('a\0b')).toThrow(/NUL/);
    expect(() => sqlInteger(1.5)).toThrow(/safe integer/);
    expect(() => sqlTimestamp(new Date('nope'))).toThrow(/invalid date/);
    expect(sqlTimestamp(new Date('2026-01-02T03:04:05.678Z'))).toBe("TIMESTAMP '2026-01-02T03:04:05.678Z'");
  });

  it('quotes identifiers with backticks after checking them, and column names with doubled backticks', () => {
    expect(quoteIdentifier('select')).toBe('`select`');
    expect(() => quoteIdentifier('a`b')).toThrow(/not a valid SQL identifier/);
    expect(() => quoteIdentifier('Claims')).toThrow(/not a valid SQL identifier/);
    expect(schemaTable('bronze', 'claims')).toBe('`bronze`.`claims`');
    expect(quoteColumnName('Paid Amount (USD)')).toBe('`Paid Amount (USD)`');
    expect(quoteColumnName('a`b')).toBe('`a``b`');
    expect(() => quoteColumnName('')).toThrow(/empty/);
  });
});

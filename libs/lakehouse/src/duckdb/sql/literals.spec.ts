import { describe, expect, it } from 'vitest';
import { qualifiedTableName, quoteColumnName, quoteIdentifier, sqlInteger, sqlLogicalType, sqlString, sqlTimestamp } from './literals';

describe('SQL literals', () => {
  it('doubles single quotes and leaves everything else alone', () => {
    expect(sqlString("O'Brien")).toBe("'O''Brien'");
    expect(sqlString("'); DROP TABLE x; --")).toBe("'''); DROP TABLE x; --'");
    expect(sqlString('C:\\landing\\a.csv')).toBe("'C:\\landing\\a.csv'");
  });

  it('refuses a NUL character', () => {
    expect(() => sqlString('a\0b')).toThrow(/NUL/);
  });

  it('renders integers and timestamps, refusing what is not one', () => {
    expect(sqlInteger(171_000_000)).toBe('171000000');
    expect(() => sqlInteger(1.5)).toThrow();
    expect(sqlTimestamp(new Date('2024-03-01T12:00:00Z'))).toBe("'2024-03-01T12:00:00.000Z'::TIMESTAMPTZ");
    expect(() => sqlTimestamp(new Date('nope'))).toThrow();
  });

  it('quotes only names that pass SQL_IDENTIFIER', () => {
    expect(quoteIdentifier('select')).toBe('"select"');
    expect(qualifiedTableName({ catalog: 'healthcare_data', schema: 'bronze', table: 'claims' })).toBe('"healthcare_data"."bronze"."claims"');
    for (const bad of ['Claims', 'a"b', 'x; drop', '', '1abc', 'a'.repeat(64)]) {
      expect(() => quoteIdentifier(bad)).toThrow(/identifier/);
    }
  });

  it('quotes any header as one column name', () => {
    expect(quoteColumnName('Billing Provider NPI')).toBe('"Billing Provider NPI"');
    expect(quoteColumnName('a"; DROP TABLE x; --')).toBe('"a""; DROP TABLE x; --"');
    expect(() => quoteColumnName('')).toThrow(/empty/);
    expect(() => quoteColumnName('a\0b')).toThrow(/NUL/);
  });

  it('passes logical type names and refuses anything else', () => {
    for (const type of ['BIGINT', 'DECIMAL(18,2)', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_NS']) expect(sqlLogicalType(type)).toBe(type);
    for (const bad of ['bigint', 'INT); DROP TABLE x; --', 'STRUCT(a INTEGER)', "ENUM('a')", 'BIGINT ', '']) {
      expect(() => sqlLogicalType(bad)).toThrow(/logical type/);
    }
  });
});

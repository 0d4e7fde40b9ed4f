import { describe, expect, it } from 'vitest';
import { atomic, onlyWhen, operand, sqlInteger, sqlString } from './sql-text';

describe('sqlString', () => {
  it('quotes by doubling single quotes, the only escape DuckDB strings have', () => {
    expect(sqlString("O'Brien")).toBe("'O''Brien'");
    expect(sqlString("a\\'); DROP TABLE x; --")).toBe("'a\\''); DROP TABLE x; --'");
    expect(sqlString('')).toBe("''");
  });

  it('refuses a NUL character, which would end the literal early in some drivers', () => {
    expect(() => sqlString('a\0b')).toThrow(new RangeError('a SQL string literal cannot contain a NUL character'));
  });
});

describe('sqlInteger', () => {
  it.each([0, 365, -7, Number.MAX_SAFE_INTEGER])('writes %d as digits', (value) => {
    expect(sqlInteger(value)).toBe(String(value));
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d, which is not a safe integer', (value) => {
    expect(() => sqlInteger(value)).toThrow(new RangeError(`not a safe integer for SQL: ${value}`));
  });
});

describe('operand', () => {
  it.each(['npi', 'claims.npi', 'claims."billing npi"', '"a ""quoted"" name"', 'ref.t."x"'])('keeps the (qualified) column name %j as it is', (name) => {
    expect(operand(name)).toBe(name);
  });

  it.each(['a + b', "'text'", 'lower(npi)', '"unclosed', 'claims.', '1abc'])('parenthesizes %j', (expression) => {
    expect(operand(expression)).toBe(`(${expression})`);
  });
});

describe('atomic', () => {
  it.each(['npi', "'it''s'", 'regexp_full_match(npi, \'[0-9]\')', "f(a, ')', \"b)\")", 'EXISTS (SELECT 1 FROM t)'])('keeps %j, which stands next to any operator', (expression) => {
    expect(atomic(expression)).toBe(expression);
  });

  it.each(['a OR b', 'f(a) OR g(b)', 'f(a) + 1', "'a' || 'b'", 'f(', 'f(a', 'NOT f(a)', 'EXISTS(SELECT 1)x'])('parenthesizes %j', (expression) => {
    expect(atomic(expression)).toBe(`(${expression})`);
  });

  it('renders a guarded check that passes where the guard does not apply', () => {
    expect(onlyWhen('a IS NOT NULL', 'f(a)')).toBe('NOT (a IS NOT NULL) OR f(a)');
  });
});

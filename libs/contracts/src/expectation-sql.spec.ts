import { describe, expect, it } from 'vitest';
import { expectationSqlProblem, rewriteExpectationSql } from './expectation-sql';

const COLUMNS = new Set(['paid_amount', 'allowed_amount', 'claim_type', 'claim_line_start_date']);

describe('expectationSqlProblem', () => {
  it.each([
    'paid_amount <= allowed_amount',
    "upper(claim_type) IN ('PROFESSIONAL', 'INSTITUTIONAL')",
    'paid_amount IS NULL OR paid_amount BETWEEN 0 AND 1e6'.replace('1e6', '1000000'),
    "CASE WHEN claim_type = 'x' THEN paid_amount > 0 ELSE TRUE END",
    'date_diff(\'day\', claim_line_start_date, current_date) < 365',
    'CAST(paid_amount AS DOUBLE) < 10.5',
    '"paid_amount" > 0',
    "claim_type LIKE 'pro%' AND NOT (paid_amount < 0)",
  ])('accepts %s', (sql) => {
    expect(expectationSqlProblem(sql, COLUMNS)).toBeNull();
  });

  it.each([
    ['paid_amount > 0; DROP TABLE x', /character ';'/],
    ["EXISTS (SELECT 1 FROM read_csv('/etc/passwd'))", /'EXISTS'/],
    ["length(read_text('/etc/hosts')) > 0", /'read_text'/],
    ["getenv('HOME') = 'x'", /'getenv'/],
    ['(SELECT 1) = 1', /'SELECT'/],
    ['secret > 1', /'secret', which is not a column/],
    ['other.paid_amount > 0', /character '\.'/],
    ['paid_amount > 0 -- comment', /./],
    ["paid_amount > 'unterminated", /unterminated string/],
    ['(paid_amount > 0', /'\(' without its '\)'/],
    ['paid_amount > 0)', /'\)' without its '\('/],
    ['', /empty/],
  ])('refuses %s', (sql, message) => {
    expect(expectationSqlProblem(sql, COLUMNS)?.message).toMatch(message);
  });

  it('without a column list, still refuses anything that is not a plain name', () => {
    expect(expectationSqlProblem('Paid-Amount > 0')).toBeNull();
    expect(expectationSqlProblem('"weird name" > 0')?.message).toMatch(/not a column name/);
    expect(expectationSqlProblem('union > 0')?.message).toMatch(/only a single expression/);
  });
});

describe('rewriteExpectationSql', () => {
  it('replaces each column reference and leaves literals, keywords and functions alone', () => {
    const sql = rewriteExpectationSql("upper(claim_type) = 'paid_amount' AND \"paid_amount\" > CAST(allowed_amount AS DOUBLE)", COLUMNS, (name) => `t.${name}`);
    expect(sql).toBe("upper ( t.claim_type ) = 'paid_amount' AND t.paid_amount > CAST ( t.allowed_amount AS DOUBLE )");
  });

  it('throws on what expectationSqlProblem refuses', () => {
    expect(() => rewriteExpectationSql('x; y', COLUMNS, (name) => name)).toThrow(RangeError);
  });
});

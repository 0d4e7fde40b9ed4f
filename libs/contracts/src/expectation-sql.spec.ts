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

/** The problem's message; `null` for columns checks names only, as the API does. */
const problem = (sql: string, columns: ReadonlySet<string> | null = COLUMNS) => expectationSqlProblem(sql, columns ?? undefined)?.message ?? null;
const rewrite = (sql: string, columns: ReadonlySet<string> = COLUMNS) => rewriteExpectationSql(sql, columns, (name) => `t.${name}`);

describe('the vocabulary of an expectation', () => {
  it.each([
    ['and', 'paid_amount > 0 AND allowed_amount > 0', 't.paid_amount > 0 AND t.allowed_amount > 0'],
    ['or', 'paid_amount > 0 or allowed_amount > 0', 't.paid_amount > 0 or t.allowed_amount > 0'],
    ['not', 'NOT paid_amount < 0', 'NOT t.paid_amount < 0'],
    ['is, null', 'paid_amount IS NULL', 't.paid_amount IS NULL'],
    ['true', 'TRUE', 'TRUE'],
    ['false', 'paid_amount > 0 OR FALSE', 't.paid_amount > 0 OR FALSE'],
    ['between', 'paid_amount BETWEEN 0 AND 100', 't.paid_amount BETWEEN 0 AND 100'],
    ['in', "claim_type IN ('a', 'b')", "t.claim_type IN ( 'a' , 'b' )"],
    ['like', "claim_type LIKE 'p%'", "t.claim_type LIKE 'p%'"],
    ['ilike', "claim_type ILIKE 'P%'", "t.claim_type ILIKE 'P%'"],
    ['case, when, then, else, end', 'CASE WHEN paid_amount > 0 THEN TRUE ELSE FALSE END', 'CASE WHEN t.paid_amount > 0 THEN TRUE ELSE FALSE END'],
    ['cast, as', 'CAST(paid_amount AS DOUBLE) > 0', 'CAST ( t.paid_amount AS DOUBLE ) > 0'],
    ['try_cast', 'TRY_CAST(claim_type AS INTEGER) > 0', 'TRY_CAST ( t.claim_type AS INTEGER ) > 0'],
    ['current_date', 'claim_line_start_date <= current_date', 't.claim_line_start_date <= current_date'],
    ['current_date()', 'claim_line_start_date <= current_date()', 't.claim_line_start_date <= current_date ( )'],
  ])('takes the keyword(s) %s and leaves them as written', (_, sql, rewritten) => {
    expect(problem(sql)).toBeNull();
    expect(rewrite(sql)).toBe(rewritten);
  });

  it.each(['varchar', 'integer', 'bigint', 'double', 'decimal', 'date', 'boolean', 'timestamp'])('takes the type %s in a cast and leaves it as written', (type) => {
    const sql = `CAST(claim_type AS ${type.toUpperCase()}) IS NOT NULL`;
    expect(problem(sql)).toBeNull();
    expect(rewrite(sql)).toBe(`CAST ( t.claim_type AS ${type.toUpperCase()} ) IS NOT NULL`);
    expect(rewrite(`claim_type::${type} IS NULL`)).toBe(`t.claim_type :: ${type} IS NULL`);
  });

  it.each([
    'abs', 'round', 'floor', 'ceil', 'length', 'lower', 'upper', 'trim', 'ltrim', 'rtrim', 'substr', 'substring',
    'left', 'right', 'starts_with', 'ends_with', 'contains', 'replace', 'concat', 'coalesce', 'nullif', 'greatest', 'least',
    'regexp_matches', 'regexp_full_match', 'date_diff', 'date_part', 'year', 'month', 'day', 'strlen',
  ])('calls the pure function %s, in any case, and leaves its name as written', (name) => {
    expect(problem(`${name}(claim_type) IS NOT NULL`)).toBeNull();
    expect(problem(`${name.toUpperCase()} (claim_type) IS NOT NULL`)).toBeNull();
    expect(rewrite(`${name}(claim_type) IS NOT NULL`)).toBe(`${name} ( t.claim_type ) IS NOT NULL`);
  });

  it.each(['read_text', 'read_csv', 'getenv', 'current_setting', 'random', 'now', 'lag', 'count', 'query', 'glob', 'paid_amount'])('refuses to call %s', (name) => {
    expect(problem(`${name}(claim_type) IS NOT NULL`)).toBe(`calls '${name}', which is not an allowed function`);
    expect(problem(`${name}(claim_type) IS NOT NULL`, null)).toBe(`calls '${name}', which is not an allowed function`);
  });

  it('names a refused function as it was written', () => {
    expect(problem("Read_Text('/etc/passwd') <> ''")).toBe("calls 'Read_Text', which is not an allowed function");
  });

  it.each([
    'select', 'from', 'where', 'with', 'union', 'except', 'intersect', 'attach', 'detach', 'copy', 'pragma', 'install',
    'load', 'set', 'reset', 'call', 'insert', 'update', 'delete', 'drop', 'create', 'alter', 'export', 'import', 'use',
    'exists', 'lateral', 'join', 'over', 'window', 'group', 'order', 'limit', 'having', 'qualify', 'into', 'values',
  ])('refuses the statement word %s, even where a column of that name exists', (word) => {
    const message = `uses '${word}': only a single expression over the row is allowed`;
    expect(problem(`paid_amount > 0 AND ${word} > 0`, null)).toBe(message);
    expect(problem(`${word} > 0`, new Set([word]))).toBe(message);
    expect(problem(`${word}(paid_amount) > 0`)).toBe(message);
    expect(problem(`${word.toUpperCase()} > 0`)).toBe(`uses '${word.toUpperCase()}': only a single expression over the row is allowed`);
  });

  it('takes a quoted name as a column, even one spelled like a statement word or a keyword', () => {
    const columns = new Set(['order', 'case', 'paid_amount']);
    expect(problem('"order" > 0 AND "case" > 0', columns)).toBeNull();
    expect(rewrite('"order" > 0 AND "case" > 0', columns)).toBe('t.order > 0 AND t.case > 0');
    expect(problem('"order" > 0', null)).toBeNull();
    expect(problem('"case" IS NULL')).toBe("reads 'case', which is not a column of the table");
    expect(problem('"double" IS NULL')).toBe("reads 'double', which is not a column of the table");
  });

  it('refuses to call a quoted name, which DuckDB would call as a function, with or without the column list', () => {
    expect(problem('"abs"(paid_amount) > 0')).toBe('calls the quoted name "abs", which is not allowed');
    for (const columns of [undefined, null]) {
      expect(problem(`length("read_text"('/etc/passwd')) > 0`, columns)).toBe('calls the quoted name "read_text", which is not allowed');
      expect(problem(`"paid_amount" ('x') > 0`, columns)).toBe('calls the quoted name "paid_amount", which is not allowed');
    }
    expect(problem('"paid_amount" > 0 AND ("paid_amount") > 0', null)).toBeNull();
  });

  it('takes a column spelled like a function when it is not called', () => {
    const columns = new Set(['year', 'claim_line_start_date']);
    const sql = 'year = year(claim_line_start_date)';
    expect(problem(sql, columns)).toBeNull();
    expect(rewrite(sql, columns)).toBe('t.year = year ( t.claim_line_start_date )');
  });

  it('reads column names in any case and rewrites them lower-cased', () => {
    expect(problem('PAID_AMOUNT > "Allowed_Amount"')).toBeNull();
    expect(rewrite('PAID_AMOUNT > "Allowed_Amount"')).toBe('t.paid_amount > t.allowed_amount');
  });

  it('names a column that is not in the table as it was written', () => {
    expect(problem('Secret_Column > 0')).toBe("reads 'Secret_Column', which is not a column of the table");
    expect(problem('"Secret Column" > 0')).toBe("reads 'Secret Column', which is not a column of the table");
  });
});

describe('the symbols and literals of an expectation', () => {
  it.each([
    ['paid_amount<>0', 't.paid_amount <> 0'],
    ['paid_amount!=0', 't.paid_amount != 0'],
    ['paid_amount<=0', 't.paid_amount <= 0'],
    ['paid_amount>=0', 't.paid_amount >= 0'],
    ["claim_type||'x'='px'", "t.claim_type || 'x' = 'px'"],
    ['paid_amount::DOUBLE<1', 't.paid_amount :: DOUBLE < 1'],
    ['paid_amount=0', 't.paid_amount = 0'],
    ['paid_amount>0', 't.paid_amount > 0'],
    ['paid_amount+1-2*3/4%5>0', 't.paid_amount + 1 - 2 * 3 / 4 % 5 > 0'],
    ['-paid_amount<0', '- t.paid_amount < 0'],
    ['coalesce(paid_amount,allowed_amount,0)>0', 'coalesce ( t.paid_amount , t.allowed_amount , 0 ) > 0'],
  ])('takes %s', (sql, rewritten) => {
    expect(problem(sql)).toBeNull();
    expect(rewrite(sql)).toBe(rewritten);
  });

  it.each([';', '.', '[', ']', '{', '}', '@', '$', '?', '!', '&', '|', ':', '^', '~', '`', '#', '\\', '\0'])('refuses the character %j', (char) => {
    expect(problem(`paid_amount ${char} 0`)).toBe(`contains the character '${char}'`);
  });

  it('keeps numbers whole, with or without a fraction', () => {
    expect(problem('paid_amount < 100 AND allowed_amount > 10.25 OR paid_amount = .5')).toBeNull();
    expect(rewrite('paid_amount < 100 AND allowed_amount > 10.25 OR paid_amount = .55')).toBe('t.paid_amount < 100 AND t.allowed_amount > 10.25 OR t.paid_amount = .55');
    expect(rewrite('paid_amount > 0 AND 12>paid_amount')).toBe('t.paid_amount > 0 AND 12 > t.paid_amount');
  });

  it('keeps string literals as written, whatever they hold', () => {
    const sql = "claim_type IN ('', 'it''s', 'paid_amount; DROP TABLE x', '\"q\"', 'SELECT', '''')";
    expect(problem(sql)).toBeNull();
    expect(rewrite(sql)).toBe("t.claim_type IN ( '' , 'it''s' , 'paid_amount; DROP TABLE x' , '\"q\"' , 'SELECT' , '''' )");
    expect(problem("'' = claim_type")).toBeNull();
    expect(rewrite("'' = claim_type")).toBe("'' = t.claim_type");
    expect(rewrite("'a'='a'")).toBe("'a' = 'a'");
  });

  it('refuses an unterminated literal or quoted name', () => {
    expect(problem("claim_type = 'it''s")).toBe('contains an unterminated string literal');
    expect(problem("claim_type = '")).toBe('contains an unterminated string literal');
    expect(problem('"paid_amount > 0')).toBe('contains an unterminated quoted name');
    expect(problem('paid_amount > 0 AND "')).toBe('contains an unterminated quoted name');
  });

  it('reads -- and /* as operators, and keeps the tokens apart when rewriting, so no comment can hide code from the check', () => {
    expect(problem('paid_amount > 0 -- AND FALSE')).toBeNull();
    expect(problem('paid_amount > 0 /* x */')).toBe("reads 'x', which is not a column of the table");
    const sql = "paid_amount > 0 --'\nOR getenv(x) --'";
    expect(problem(sql)).toBeNull();
    expect(rewrite(sql)).toBe("t.paid_amount > 0 - - '\nOR getenv(x) --'");
  });
});

describe('the shape of an expectation', () => {
  it('balances parentheses', () => {
    expect(problem('((paid_amount > 0) AND (allowed_amount > 0))')).toBeNull();
    expect(rewrite('((paid_amount > 0))')).toBe('( ( t.paid_amount > 0 ) )');
    expect(problem(')paid_amount > 0(')).toBe("has a ')' without its '('");
    expect(problem('(paid_amount > 0))(')).toBe("has a ')' without its '('");
    expect(problem('((paid_amount > 0)')).toBe("has a '(' without its ')'");
    expect(problem('(')).toBe("has a '(' without its ')'");
  });

  it('is not empty', () => {
    for (const sql of ['', ' ', '\n\t ']) expect(problem(sql)).toBe('must not be empty');
  });

  it('is at most 2000 characters, blanks included', () => {
    const atLimit = `paid_amount > 0${' '.repeat(1985)}`;
    expect(atLimit).toHaveLength(2000);
    expect(problem(atLimit)).toBeNull();
    expect(problem(`${atLimit} `)).toBe('must be at most 2000 characters');
  });

  it('without a column list, takes any plain name of up to 63 characters', () => {
    const longest = `a${'b'.repeat(62)}`;
    expect(problem(`${longest} > 0 AND _x1 > 0`, null)).toBeNull();
    expect(problem(`"${longest}" > 0`, null)).toBeNull();
    expect(problem(`${longest}b > 0`, null)).toBe(`names '${longest}b', which is not a column name`);
    for (const quoted of ['1abc', 'abc def', 'abc-def', 'abc.def', '', 'x1 ']) {
      expect(problem(`"${quoted}" > 0`, null)).toBe(`names '${quoted}', which is not a column name`);
    }
  });

  it('with a column list, takes any name on the list, plain or not', () => {
    const columns = new Set(['claim type', 'x'.repeat(64)]);
    expect(problem(`"claim type" > 0 AND "${'x'.repeat(64)}" > 0`, columns)).toBeNull();
    expect(rewrite('"Claim Type" > 0', columns)).toBe('t.claim type > 0');
  });

  it('rewrites only what it accepts, naming the problem', () => {
    expect(() => rewrite('secret > 0')).toThrow(new RangeError("expectation SQL reads 'secret', which is not a column of the table"));
    expect(() => rewrite('')).toThrow(new RangeError('expectation SQL must not be empty'));
  });
});

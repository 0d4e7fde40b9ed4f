/**
 * The SQL a tenant may write as an expectation condition: one boolean expression over the silver
 * table's own columns. It runs inside the tenant's catalog session, where a table function or a
 * subquery could read files or attach another catalog, so the expression is checked token by
 * token against a closed vocabulary instead of being trusted: column names, literals, operators,
 * a few keywords and a list of pure scalar functions. Anything else is refused with the token.
 */

const KEYWORDS = new Set([
  'and', 'or', 'not', 'is', 'null', 'true', 'false', 'between', 'in', 'like', 'ilike',
  'case', 'when', 'then', 'else', 'end', 'cast', 'try_cast', 'as', 'current_date',
]);

/** Words that start a statement, a subquery or a table reference: never a column name here. */
const RESERVED = new Set([
  'select', 'from', 'where', 'with', 'union', 'except', 'intersect', 'attach', 'detach', 'copy', 'pragma', 'install',
  'load', 'set', 'reset', 'call', 'insert', 'update', 'delete', 'drop', 'create', 'alter', 'export', 'import', 'use',
  'exists', 'lateral', 'join', 'over', 'window', 'group', 'order', 'limit', 'having', 'qualify', 'into', 'values',
]);

const TYPES = new Set(['varchar', 'integer', 'bigint', 'double', 'decimal', 'date', 'boolean', 'timestamp']);

/**
 * Pure, row-local functions; nothing that touches files, settings, other rows or other tables.
 * (`current_date`, `cast` and `try_cast` are keywords, which may be followed by '(' anyway.)
 */
const FUNCTIONS = new Set([
  'abs', 'round', 'floor', 'ceil', 'length', 'lower', 'upper', 'trim', 'ltrim', 'rtrim', 'substr', 'substring',
  'left', 'right', 'starts_with', 'ends_with', 'contains', 'replace', 'concat', 'coalesce', 'nullif', 'greatest', 'least',
  'regexp_matches', 'regexp_full_match', 'date_diff', 'date_part', 'year', 'month', 'day', 'strlen',
]);

const MAX_LENGTH = 2000;

export interface ExpectationSqlProblem {
  message: string;
}

/** One token of an expectation: a quoted name's text without its quotes, a string literal's with them. */
export type ExpectationSqlToken = { kind: 'word' | 'quoted' | 'number' | 'string' | 'symbol'; text: string };
type Token = ExpectationSqlToken;

const SYMBOLS = ['<>', '!=', '<=', '>=', '||', '::', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ','];

function tokenize(sql: string): Token[] | string {
  const tokens: Token[] = [];
  let index = 0;
  while (index < sql.length) {
    const char = sql[index]!;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === "'") {
      let end = index + 1;
      for (;;) {
        end = sql.indexOf("'", end);
        if (end === -1) return 'an unterminated string literal';
        if (sql[end + 1] === "'") end += 2;
        else break;
      }
      tokens.push({ kind: 'string', text: sql.slice(index, end + 1) });
      index = end + 1;
      continue;
    }
    if (char === '"') {
      const end = sql.indexOf('"', index + 1);
      if (end === -1) return 'an unterminated quoted name';
      tokens.push({ kind: 'quoted', text: sql.slice(index + 1, end) });
      index = end + 1;
      continue;
    }
    const number = /^(\d+(\.\d+)?|\.\d+)/.exec(sql.slice(index));
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      index += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(index));
    if (word) {
      tokens.push({ kind: 'word', text: word[0] });
      index += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => sql.startsWith(candidate, index));
    if (!symbol) return `the character '${char}'`;
    tokens.push({ kind: 'symbol', text: symbol });
    index += symbol.length;
  }
  return tokens;
}

/**
 * Null when `sql` is an expression we accept. `columns`, when given, is the closed set of column
 * names it may read (the worker knows them; the API does not yet and passes undefined).
 */
export function expectationSqlProblem(sql: string, columns?: ReadonlySet<string>): ExpectationSqlProblem | null {
  if (sql.trim() === '') return { message: 'must not be empty' };
  if (sql.length > MAX_LENGTH) return { message: `must be at most ${MAX_LENGTH} characters` };
  const tokens = tokenize(sql);
  if (typeof tokens === 'string') return { message: `contains ${tokens}` };
  let depth = 0;
  for (const [position, token] of tokens.entries()) {
    const next = tokens[position + 1];
    if (token.kind === 'symbol') {
      if (token.text === '(') depth += 1;
      if (token.text === ')') depth -= 1;
      if (depth < 0) return { message: "has a ')' without its '('" };
      continue;
    }
    if (token.kind !== 'word' && token.kind !== 'quoted') continue;
    const name = token.text.toLowerCase();
    // DuckDB calls a quoted name followed by '(' like a function: "read_text"('/etc/passwd').
    if (token.kind === 'quoted' && next?.text === '(') return { message: `calls the quoted name "${token.text}", which is not allowed` };
    if (token.kind === 'word' && RESERVED.has(name)) return { message: `uses '${token.text}': only a single expression over the row is allowed` };
    // A name followed by '(' is a call; a quoted one was refused just above.
    if (next?.text === '(' && !KEYWORDS.has(name)) {
      if (!FUNCTIONS.has(name)) return { message: `calls '${token.text}', which is not an allowed function` };
      continue;
    }
    if (token.kind === 'word' && (KEYWORDS.has(name) || TYPES.has(name))) continue;
    if (columns && !columns.has(name)) return { message: `reads '${token.text}', which is not a column of the table` };
    if (!columns && !/^[a-z_][a-z0-9_]{0,62}$/.test(name)) return { message: `names '${token.text}', which is not a column name` };
  }
  if (depth !== 0) return { message: "has a '(' without its ')'" };
  return null;
}

/** The tokens of an expression expectationSqlProblem accepts; throws a RangeError naming the problem otherwise. */
export function expectationSqlTokens(sql: string, columns: ReadonlySet<string>): ExpectationSqlToken[] {
  const problem = expectationSqlProblem(sql, columns);
  if (problem) throw new RangeError(`expectation SQL ${problem.message}`);
  return tokenize(sql) as Token[];
}

/** Whether a token is a reference to a column (a quoted name, or a word that is no keyword, type or call). */
export function isColumnToken(token: ExpectationSqlToken, next: ExpectationSqlToken | undefined): boolean {
  if (token.kind === 'quoted') return true;
  const name = token.text.toLowerCase();
  return token.kind === 'word' && next?.text !== '(' && !KEYWORDS.has(name) && !TYPES.has(name);
}

/** Keywords that are followed by '(' as calls are: the others (NOT, IN, THEN...) then open a parenthesized expression. */
const CALLABLE_KEYWORDS = new Set(['cast', 'try_cast', 'current_date']);

/** Whether a token names a function called with the '(' after it. */
export function isCallToken(token: ExpectationSqlToken, next: ExpectationSqlToken | undefined): boolean {
  const name = token.text.toLowerCase();
  return token.kind === 'word' && next?.text === '(' && (!KEYWORDS.has(name) || CALLABLE_KEYWORDS.has(name));
}

/**
 * The expression with every column reference replaced by `columnSql(name)` (lower-cased), after
 * the same check as expectationSqlProblem; throws a RangeError naming the problem otherwise.
 */
export function rewriteExpectationSql(sql: string, columns: ReadonlySet<string>, columnSql: (name: string) => string): string {
  const tokens = expectationSqlTokens(sql, columns);
  return tokens.map((token, position) => (isColumnToken(token, tokens[position + 1]) ? columnSql(token.text.toLowerCase()) : token.text)).join(' ');
}

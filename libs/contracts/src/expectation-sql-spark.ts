import { expectationSqlTokens, isCallToken, isColumnToken, type ExpectationSqlToken } from './expectation-sql';
import { sparkStringLiteral } from './sql-literals';

/**
 * A tenant's expectation SQL (written in the embedded engine's vocabulary, as the API documents
 * it) as Databricks SQL with the same meaning: the functions whose names or semantics differ are
 * rewritten, string literals are re-quoted for Spark's backslash escapes, `x::type` becomes a
 * CAST and type names are Spark's. What has no faithful equivalent is refused with a RangeError
 * naming it.
 */
export function sparkExpectationSql(sql: string, columns: ReadonlySet<string>, columnSql: (name: string) => string): string {
  const tokens = expectationSqlTokens(sql, columns);
  const reader = new TokenReader(tokens, columnSql);
  const translated = reader.expression();
  // The check balances parentheses, so what stops the expression early is a comma.
  if (!reader.done()) throw new RangeError('expectation SQL must be one expression, not a list');
  return translated;
}

/** The value of a string literal as the expectation wrote it (quotes doubled inside). */
const stringValue = (token: ExpectationSqlToken) => token.text.slice(1, -1).replaceAll("''", "'");

interface Argument {
  sql: string;
  /** The value, when the argument is one string literal. */
  literal?: string;
}

const SPARK_TYPES: Readonly<Record<string, string>> = { varchar: 'STRING', integer: 'INT' };

const requireArity = (name: string, args: readonly Argument[], ...counts: number[]) => {
  if (!counts.includes(args.length)) throw new RangeError(`expectation SQL calls ${name} with ${args.length} argument(s); on Databricks it takes ${counts.join(' or ')}`);
};

type DateDiff = (start: string, end: string) => string;
const days: DateDiff = (start, end) => `datediff(CAST(${end} AS DATE), CAST(${start} AS DATE))`;
const months: DateDiff = (start, end) => `((year(${end}) * 12 + month(${end})) - (year(${start}) * 12 + month(${start})))`;
const quarters: DateDiff = (start, end) => `((year(${end}) * 4 + quarter(${end})) - (year(${start}) * 4 + quarter(${start})))`;
const years: DateDiff = (start, end) => `(year(${end}) - year(${start}))`;

/** DuckDB's date_diff counts the boundaries crossed between two dates: so do these, by the part's names. */
const DATE_DIFF_PARTS: Readonly<Record<string, DateDiff>> = { day: days, days, month: months, months, quarter: quarters, quarters, year: years, years };

const trimmed = (side: 'BOTH' | 'LEADING' | 'TRAILING', name: string) => (args: readonly Argument[]) => {
  requireArity(name, args, 1, 2);
  return args.length === 1 ? `${name}(${args[0]!.sql})` : `trim(${side} ${args[1]!.sql} FROM ${args[0]!.sql})`;
};

/** Calls whose Spark form differs; any other allowed function has the same name and meaning. */
const SPARK_CALLS: Readonly<Record<string, (args: readonly Argument[]) => string>> = {
  // Both find the pattern anywhere in the text, as DuckDB's regexp_matches does.
  regexp_matches: (args) => (requireArity('regexp_matches', args, 2), `regexp_like(${args[0]!.sql}, ${args[1]!.sql})`),
  regexp_full_match: (args) => (requireArity('regexp_full_match', args, 2), `regexp_like(${args[0]!.sql}, concat('^(?:', ${args[1]!.sql}, ')$'))`),
  starts_with: (args) => (requireArity('starts_with', args, 2), `startswith(${args[0]!.sql}, ${args[1]!.sql})`),
  ends_with: (args) => (requireArity('ends_with', args, 2), `endswith(${args[0]!.sql}, ${args[1]!.sql})`),
  // DuckDB's strlen counts bytes.
  strlen: (args) => (requireArity('strlen', args, 1), `octet_length(${args[0]!.sql})`),
  // DuckDB's concat skips NULLs; Spark's returns NULL, concat_ws skips them.
  concat: (args) => `concat_ws('', ${args.map((arg) => arg.sql).join(', ')})`,
  trim: trimmed('BOTH', 'trim'),
  ltrim: trimmed('LEADING', 'ltrim'),
  rtrim: trimmed('TRAILING', 'rtrim'),
  date_diff: (args) => {
    requireArity('date_diff', args, 3);
    const part = args[0]!.literal?.toLowerCase();
    const diff = part === undefined ? undefined : DATE_DIFF_PARTS[part];
    if (!diff) throw new RangeError(`expectation SQL calls date_diff with the part ${args[0]!.sql}; on Databricks it takes 'day', 'month', 'quarter' or 'year'`);
    return diff(args[1]!.sql, args[2]!.sql);
  },
};

class TokenReader {
  private at = 0;

  constructor(
    private readonly tokens: readonly ExpectationSqlToken[],
    private readonly columnSql: (name: string) => string,
  ) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  /** Tokens up to the ',' or ')' that ends this expression (not taken), or the end. */
  expression(): string {
    const parts: string[] = [];
    while (!this.done()) {
      const token = this.tokens[this.at]!;
      if (token.text === ',' || token.text === ')') break;
      const next = this.tokens[this.at + 1];
      this.at += 1;
      if (token.text === '(') parts.push(`(${this.arguments().map((arg) => arg.sql).join(', ')})`);
      else if (isCallToken(token, next)) parts.push(this.call(token.text));
      else if (token.text === '::') parts.push(this.cast(parts.pop()));
      else parts.push(this.word(token, next));
    }
    return parts.join(' ');
  }

  /** After '(': the comma-separated expressions up to its ')', which is taken. */
  private arguments(): Argument[] {
    const args: Argument[] = [];
    while (!this.done() && this.tokens[this.at]!.text !== ')') {
      const first = this.tokens[this.at]!;
      const sql = this.expression();
      const single = this.tokens[this.at - 1] === first && first.kind === 'string';
      args.push(single ? { sql, literal: stringValue(first) } : { sql });
      if (this.tokens[this.at]?.text === ',') this.at += 1;
    }
    this.at += 1;
    return args;
  }

  private call(name: string): string {
    this.at += 1;
    const args = this.arguments();
    const spark = SPARK_CALLS[name.toLowerCase()];
    return spark ? spark(args) : `${name}(${args.map((arg) => arg.sql).join(', ')})`;
  }

  /** `operand::type`: the cast binds to the operand just read. */
  private cast(operand: string | undefined): string {
    const type = this.tokens[this.at];
    if (operand === undefined || type?.kind !== 'word' || isColumnToken(type, undefined)) throw new RangeError("expectation SQL has a '::' without a value and a type name");
    this.at += 1;
    return `CAST(${operand} AS ${this.word(type, undefined)})`;
  }

  private word(token: ExpectationSqlToken, next: ExpectationSqlToken | undefined): string {
    if (isColumnToken(token, next)) return this.columnSql(token.text.toLowerCase());
    if (token.kind === 'string') return sparkStringLiteral(stringValue(token));
    return SPARK_TYPES[token.text.toLowerCase()] ?? token.text;
  }
}

import { sparkStringLiteral } from '@ade/contracts';
import { portableRegexBody } from './portable-regex';
import { sqlString as duckdbString } from './sql-text';

/** A SQL type the rule renderings cast to, spelled per engine by the dialect. */
export type ExpressionType = 'BIGINT' | 'INTEGER' | 'DATE' | 'TEXT' | `DECIMAL(${number},${number})`;

/**
 * The functions a rule's SQL needs whose name or meaning differs between the engines. A rule is
 * written once against this interface and renders for DuckDB (the embedded catalog) or Databricks
 * SQL (Spark, on Unity Catalog); everything else the renderings use (CASE, coalesce, substr,
 * replace, translate, lpad, upper, lower, trim, ||, IN, EXISTS, DATE literals, DECIMAL casts) is
 * spelled and behaves the same in both. Regular expressions are always portable ones (see
 * portable-regex.ts), which RE2 (DuckDB) and java.util.regex (Spark) read alike.
 */
export interface ExpressionDialect {
  readonly name: 'duckdb' | 'databricks';
  /** A string literal holding exactly `value`. */
  string(value: string): string;
  /** TRUE when the whole non-NULL value matches the portable regex `body` (no anchors). */
  fullMatch(operand: string, body: string): string;
  /** TRUE when `pattern` matches somewhere in the non-NULL value. */
  containsMatch(operand: string, pattern: string): string;
  /** Group `group` of the first match of `pattern`, '' when none. */
  extract(operand: string, pattern: string, group: number): string;
  /** The value with every match of `pattern` replaced by `template`, where `$1`..`$9` stand for groups. */
  rewrite(operand: string, pattern: string, template: string): string;
  cast(operand: string, type: ExpressionType): string;
  /** The value as `type`, NULL where it does not convert (never an error). */
  tryCast(operand: string, type: ExpressionType): string;
  /** Integer division truncating toward zero. */
  intDivide(dividend: string, divisor: string): string;
  /** Length in UTF-8 bytes (equal to the character length exactly when the text is ASCII). */
  byteLength(operand: string): string;
  /** TRUE when the value is one of `values`, FALSE otherwise (NULL for NULL). */
  isOneOf(operand: string, values: readonly string[]): string;
  startsWith(operand: string, prefix: string): string;
  /** Whole days from `earlier` to `later` (both DATE). */
  daysBetween(earlier: string, later: string): string;
  /**
   * The sum of group `group` of every match of `pattern` in the text, each read as `type`; 0 when
   * nothing matches or the text is NULL. Only for text whose matches all convert.
   */
  sumOfMatches(text: string, pattern: string, group: number, type: `DECIMAL(${number},${number})`): string;
  /**
   * A fold over the digits of a non-empty ASCII digit string, last digit first: `step` gets the
   * accumulator, the digit (INTEGER) and its 1-based position from the right, and returns the next
   * accumulator (INTEGER). Only for values known to be digits.
   */
  foldDigitsFromRight(digits: string, initial: number, step: (accumulator: string, digit: string, position: string) => string): string;
  /** An INTEGER matrix literal. */
  integerMatrix(rows: readonly (readonly number[])[]): string;
  /** The element at 1-based row and column of a matrix literal. */
  matrixAt(matrix: string, row: string, column: string): string;
}

const TYPE_NAMES = {
  duckdb: { TEXT: 'VARCHAR', INTEGER: 'INTEGER' },
  databricks: { TEXT: 'STRING', INTEGER: 'INT' },
} as const;

function typeName(dialect: 'duckdb' | 'databricks', type: ExpressionType): string {
  return type === 'TEXT' || type === 'INTEGER' ? TYPE_NAMES[dialect][type] : type;
}

/**
 * A pattern for RE2 (DuckDB), checked to be portable: RE2 reads `$` as the end of the text, as
 * JavaScript does without flags.
 */
function re2Regex(pattern: string): string {
  portableRegexBody(pattern);
  return pattern;
}

/**
 * The same pattern for java.util.regex (Spark), where `$` also matches before a final line break
 * (\n, \r\n, \u2028 ...): a closing `$` becomes `\z`, the very end, so the engines still agree.
 */
function javaRegex(pattern: string): string {
  const body = portableRegexBody(pattern);
  const start = pattern.startsWith('^') ? '^' : '';
  const end = pattern.length > start.length + body.length ? '\\z' : '';
  return `${start}${body}${end}`;
}

/** `$1`..`$9` group references, and nothing else that a replacement string could read as special. */
function checkedTemplate(template: string): string {
  if (/\\|\$(?![1-9])/.test(template)) throw new RangeError(`a rewrite template may hold only literal text and $1..$9: ${template}`);
  return template;
}

export const duckdbExpressions: ExpressionDialect = {
  name: 'duckdb',
  string: duckdbString,
  fullMatch: (operand, body) => `regexp_full_match(${operand}, ${duckdbString(portableRegexBody(body))})`,
  containsMatch: (operand, pattern) => `regexp_matches(${operand}, ${duckdbString(re2Regex(pattern))})`,
  extract: (operand, pattern, group) => `regexp_extract(${operand}, ${duckdbString(re2Regex(pattern))}, ${group})`,
  // RE2's replacement syntax names groups \1..\9.
  rewrite: (operand, pattern, template) =>
    `regexp_replace(${operand}, ${duckdbString(re2Regex(pattern))}, ${duckdbString(checkedTemplate(template).replace(/\$([1-9])/g, '\\$1'))})`,
  cast: (operand, type) => `CAST(${operand} AS ${typeName('duckdb', type)})`,
  tryCast: (operand, type) => `TRY_CAST(${operand} AS ${typeName('duckdb', type)})`,
  intDivide: (dividend, divisor) => `${dividend} // ${divisor}`,
  byteLength: (operand) => `strlen(${operand})`,
  // list_contains, not IN: DuckDB expands an IN list at each use, and a hundred uses in one statement
  // (a 25-diagnosis claim) took its planner 15 s and 1 GB.
  isOneOf: (operand, values) => `list_contains([${values.map(duckdbString).join(', ')}], ${operand})`,
  startsWith: (operand, prefix) => `starts_with(${operand}, ${duckdbString(prefix)})`,
  daysBetween: (earlier, later) => `${later} - ${earlier}`,
  sumOfMatches: (text, pattern, group, type) =>
    `coalesce(list_sum(list_transform(regexp_extract_all(${text}, ${duckdbString(re2Regex(pattern))}, ${group}), amount -> TRY_CAST(amount AS ${type}))), 0)`,
  foldDigitsFromRight: (digits, initial, step) =>
    `list_reduce(list_transform(string_split(reverse(${digits}), ''), lambda ch: CAST(ch AS INTEGER)), ` +
    `lambda acc, digit, position: ${step('acc', 'digit', 'position')}, ${initial})`,
  integerMatrix: (rows) => `[${rows.map((row) => `[${row.join(', ')}]`).join(', ')}]`,
  matrixAt: (matrix, row, column) => `${matrix}[${row}][${column}]`,
};

/**
 * Databricks SQL, as documented for SQL warehouses and Databricks Runtime 13.3 LTS and later
 * (which take IN and EXISTS subqueries inside a SELECT list). Written to hold under ANSI mode,
 * the warehouse default: nothing here raises on odd text (try_cast, never CAST, of input text).
 */
export const databricksExpressions: ExpressionDialect = {
  name: 'databricks',
  string: sparkStringLiteral,
  // regexp_like is java.util.regex find(), so the body is anchored here (\z: see javaRegex).
  fullMatch: (operand, body) => `regexp_like(${operand}, ${sparkStringLiteral(`^(?:${portableRegexBody(body)})\\z`)})`,
  containsMatch: (operand, pattern) => `regexp_like(${operand}, ${sparkStringLiteral(javaRegex(pattern))})`,
  extract: (operand, pattern, group) => `regexp_extract(${operand}, ${sparkStringLiteral(javaRegex(pattern))}, ${group})`,
  rewrite: (operand, pattern, template) =>
    `regexp_replace(${operand}, ${sparkStringLiteral(javaRegex(pattern))}, ${sparkStringLiteral(checkedTemplate(template))})`,
  cast: (operand, type) => `CAST(${operand} AS ${typeName('databricks', type)})`,
  tryCast: (operand, type) => `try_cast(${operand} AS ${typeName('databricks', type)})`,
  intDivide: (dividend, divisor) => `${dividend} div ${divisor}`,
  byteLength: (operand) => `octet_length(${operand})`,
  isOneOf: (operand, values) => `${operand} IN (${values.map(sparkStringLiteral).join(', ')})`,
  startsWith: (operand, prefix) => `startswith(${operand}, ${sparkStringLiteral(prefix)})`,
  // date - date is an interval in Spark; datediff counts days.
  daysBetween: (earlier, later) => `datediff(${later}, ${earlier})`,
  // Spark widens DECIMAL sums past 38 digits by dropping scale, so the running total is cast back
  // to a fixed type each step (aggregate needs the step's type to equal the initial value's).
  sumOfMatches: (text, pattern, group, type) => {
    // Stryker disable next-line Regex: equivalent, every type here starts with DECIMAL(
    const total = type.replace(/^DECIMAL\(\d+,/, 'DECIMAL(28,');
    return (
      `coalesce(aggregate(regexp_extract_all(${text}, ${sparkStringLiteral(javaRegex(pattern))}, ${group}), CAST(0 AS ${total}), ` +
      `(acc, amount) -> CAST(acc + try_cast(amount AS ${type}) AS ${total})), 0)`
    );
  },
  foldDigitsFromRight: (digits, initial, step) =>
    `aggregate(sequence(1, length(${digits})), ${initial}, ` +
    `(acc, position) -> ${step('acc', `try_cast(substr(reverse(${digits}), position, 1) AS INT)`, 'position')})`,
  integerMatrix: (rows) => `array(${rows.map((row) => `array(${row.join(', ')})`).join(', ')})`,
  // element_at is 1-based; Spark's [i] is 0-based.
  matrixAt: (matrix, row, column) => `element_at(element_at(${matrix}, ${row}), ${column})`,
};

export function expressionDialect(name: 'duckdb' | 'databricks'): ExpressionDialect {
  return name === 'duckdb' ? duckdbExpressions : databricksExpressions;
}

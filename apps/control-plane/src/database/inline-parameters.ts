/// <reference path="./pg-utils.d.ts" />
import { escapeLiteral } from 'pg';
// pg's own conversion of a parameter to its text form (dates, arrays, JSON, booleans), so an
// inlined value is the same text PostgreSQL would have received as a bound parameter.
import { prepareValue } from 'pg/lib/utils.js';

/**
 * Turns a statement with `$n` placeholders and its values into one statement with the values
 * written in as quoted literals, or returns undefined when that cannot be done exactly.
 *
 * Why: a statement with parameters needs the extended protocol, one message per statement; the
 * simple protocol can carry the scope settings and the statement in one message (database-scope).
 * A quoted literal keeps a parameter's meaning: both arrive as text of unknown type, and
 * PostgreSQL gives them the type their context expects.
 *
 * Declined (undefined): binary values, text holding a NUL byte (which would end the message
 * early), a placeholder with no value, more than one statement (the extended protocol refuses
 * those too), and SQL whose quoting cannot be followed to its end.
 */
export function inlineParameters(sql: string, values: readonly unknown[]): string | undefined {
  const literals: string[] = [];
  for (const value of values) {
    const literal = toLiteral(value);
    if (literal === undefined) return undefined;
    literals.push(literal);
  }
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipQuotedOrComment(sql, i);
    if (skipped === undefined) return undefined;
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    if (sql[i] === ';') return undefined;
    const placeholder = placeholderAt(sql, i);
    if (placeholder && !isIdentifierChar(sql[i - 1])) {
      const literal = literals[Number(placeholder[1]) - 1];
      if (literal === undefined) return undefined;
      out += literal;
      i += placeholder[0].length;
      continue;
    }
    out += sql[i];
    i += 1;
  }
  return out;
}

/** Sticky: matches only where lastIndex points, without copying the rest of the statement per character. */
const PLACEHOLDER = /\$(\d+)/y;

function placeholderAt(sql: string, at: number): RegExpExecArray | null {
  PLACEHOLDER.lastIndex = at;
  return PLACEHOLDER.exec(sql);
}

function toLiteral(value: unknown): string | undefined {
  const prepared: unknown = prepareValue(value);
  if (prepared === null) return 'NULL';
  if (typeof prepared !== 'string' || prepared.includes('\0')) return undefined;
  return escapeLiteral(prepared);
}

/** Where the quoted text or comment starting at `at` ends; `at` itself when none starts there. */
function skipQuotedOrComment(sql: string, at: number): number | undefined {
  const char = sql[at];
  const next = sql[at + 1];
  if (char === "'" || char === '"') return skipQuoted(sql, at, char);
  if (char === '-' && next === '-') {
    const end = sql.indexOf('\n', at);
    return end === -1 ? sql.length : end + 1;
  }
  if (char === '/' && next === '*') {
    // PostgreSQL's block comments nest; a statement that relies on that is declined.
    const end = sql.indexOf('*/', at + 2);
    if (end === -1 || sql.slice(at + 2, end).includes('/*')) return undefined;
    return end + 2;
  }
  // Stryker disable next-line ConditionalExpression: equivalent, the tag pattern below only matches at a '$'
  if (char === '$' && !isIdentifierChar(sql[at - 1])) {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(at, at + 66));
    if (tag) {
      const end = sql.indexOf(tag[0], at + tag[0].length);
      return end === -1 ? undefined : end + tag[0].length;
    }
  }
  return at;
}

/**
 * Where a '...' or "..." run ends. A doubled quote inside needs no special case: read as two
 * adjacent runs, everything up to the real end is still inside quotes. E'' strings, where a
 * backslash can escape the quote, are declined.
 */
function skipQuoted(sql: string, at: number, quote: string): number | undefined {
  if (quote === "'" && /[eE]/.test(sql[at - 1] ?? '') && !isIdentifierChar(sql[at - 2])) return undefined;
  const end = sql.indexOf(quote, at + 1);
  return end === -1 ? undefined : end + 1;
}

function isIdentifierChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_$]/.test(char);
}

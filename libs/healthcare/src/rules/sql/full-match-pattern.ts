import { portableRegexBody } from './portable-regex';
import type { ExpressionDialect } from './expression-dialect';

/**
 * A regular expression written once and run by both renderings against the whole value: a
 * JavaScript `RegExp` for the predicate, the engine's full match for the SQL (RE2 in DuckDB,
 * java.util.regex in Databricks). The source must stay inside the portable subset (see
 * portable-regex.ts), which is checked here.
 */
export class FullMatchPattern {
  readonly body: string;
  private readonly regex: RegExp;

  constructor(source: string) {
    // The portable subset is valid JavaScript syntax, so a body that passed the check compiles.
    this.body = portableRegexBody(source);
    this.regex = new RegExp(`^(?:${this.body})$`);
  }

  /** Whether the whole value matches; an absent value never does (RegExp.test would read `null` as "null"). */
  test(value: string | null | undefined): boolean {
    return typeof value === 'string' && this.regex.test(value);
  }

  /** TRUE/FALSE for a non-NULL operand (NULL for NULL, so guard the call). */
  sql(operand: string, dialect: ExpressionDialect): string {
    return dialect.fullMatch(operand, this.body);
  }
}

export function fullMatch(source: string): FullMatchPattern {
  return new FullMatchPattern(source);
}

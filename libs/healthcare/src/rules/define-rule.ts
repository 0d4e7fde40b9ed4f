import type { Rule, RuleEnvironment, RuleFamily, Severity, SqlRenderContext } from './rule';
import { atomic, operand } from './sql/sql-text';

/** The inputs a rule body sees: its required roles are known to be present. */
export type PresentInputs<R extends string, Q extends R> = Readonly<Record<Q, string>> &
  Readonly<Record<Exclude<R, Q>, string | null>>;

export interface RuleDefinition<R extends string, Q extends R> {
  id: string;
  family: RuleFamily;
  severity: Severity;
  roles: readonly R[];
  requires: readonly Q[];
  description: string;
  message: string;
  /** Judges a record whose required inputs are present. */
  test(inputs: PresentInputs<R, Q>, env: RuleEnvironment): boolean;
  /**
   * The SQL twin of `test`; every operand arrives already parenthesized. Must yield TRUE or FALSE,
   * never NULL, when the required inputs are non-NULL, and never raise an error on any text.
   */
  sql(operands: Readonly<Record<R, string>>, context: SqlRenderContext): string;
}

/**
 * Builds a Rule whose two renderings apply `requires` the same way: a record missing a required
 * input passes in TypeScript, and the SQL is `<input> IS NULL OR ... OR <body>`, TRUE on those
 * rows whatever the body gives. Bodies therefore use only functions that cannot raise on odd text
 * (regexp_*, substr, TRY_CAST ...), since the engine may evaluate them on every row.
 */
export function defineRule<const R extends string, const Q extends R>(definition: RuleDefinition<R, Q>): Rule<R> {
  const { test, sql, ...meta } = definition;
  return {
    ...meta,
    test(inputs, env) {
      if (meta.requires.some((role) => inputs[role] === null || inputs[role] === undefined)) return true;
      return test(inputs as PresentInputs<R, Q>, env);
    },
    sql(inputs, context) {
      const operands = Object.fromEntries(meta.roles.map((role) => [role, operand(inputFor(meta.id, inputs, role))])) as Record<R, string>;
      const body = sql(operands, context);
      if (meta.requires.length === 0) return body;
      const absent = meta.requires.map((role) => `${operands[role]} IS NULL`);
      return [...absent, atomic(body)].join(' OR ');
    },
  };
}

function inputFor<R extends string>(ruleId: string, inputs: Readonly<Record<R, string>>, role: R): string {
  const expression = inputs[role];
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw new RangeError(`rule ${ruleId} needs a SQL expression for its '${role}' input (use NULL when absent)`);
  }
  return expression;
}

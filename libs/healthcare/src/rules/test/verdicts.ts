import type { Rule, RuleEnvironment, RuleInputs } from '../rule';
import type { DuckDbRuleRunner } from './duckdb-rule-runner';
import { TEST_AS_OF, testPack } from './test-packs';

export const DEFAULT_ENV: RuleEnvironment = { asOf: TEST_AS_OF, statePack: testPack() };

/**
 * Both renderings' verdicts on each input, with the inputs, so a unit test can state the
 * expected verdict once and see at a glance when the two renderings part ways. The SQL verdict is
 * taken both ways an engine may render it (code lookups by subquery and by join); where those two
 * part ways the SQL verdict is reported as null, which matches no TypeScript verdict.
 */
export async function verdicts(
  runner: DuckDbRuleRunner,
  rule: Rule,
  cases: readonly RuleInputs[],
  env: RuleEnvironment = DEFAULT_ENV,
): Promise<Array<{ inputs: RuleInputs; ts: boolean; sql: boolean | null }>> {
  const bySubqueries = await runner.evaluate(rule, cases, env);
  const byJoins = await runner.evaluate(rule, cases, env, [], 'joins');
  return cases.map((inputs, index) => ({
    inputs,
    ts: rule.test(inputs, env),
    sql: bySubqueries[index] === byJoins[index] ? (bySubqueries[index] ?? null) : null,
  }));
}

/** The single-role inputs that pass, according to both renderings (which must agree). */
export async function passing(runner: DuckDbRuleRunner, rule: Rule, values: readonly (string | null)[], env?: RuleEnvironment) {
  const role = rule.roles[0]!;
  const results = await verdicts(runner, rule, values.map((value) => ({ [role]: value })), env);
  const split = results.filter((result) => result.ts !== result.sql);
  if (split.length > 0) throw new Error(`renderings disagree: ${JSON.stringify(split)}`);
  return results.filter((result) => result.ts).map((result) => result.inputs[role]);
}

/** Each input's verdict, after checking that both renderings gave it. */
export async function judged(runner: DuckDbRuleRunner, rule: Rule, cases: readonly RuleInputs[], env?: RuleEnvironment): Promise<boolean[]> {
  const results = await verdicts(runner, rule, cases, env);
  const split = results.filter((result) => result.ts !== result.sql);
  if (split.length > 0) throw new Error(`renderings disagree: ${JSON.stringify(split)}`);
  return results.map((result) => result.ts);
}

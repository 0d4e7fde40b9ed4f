import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbExpressions } from './sql/expression-dialect';
import { loadAllStatePacks } from '../states/load-state-pack';
import { RULES } from './catalog';
import { normalizeNdc11, normalizeNdc11Sql } from './ndc.rules';
import type { Rule, RuleEnvironment, RuleInputs } from './rule';
import { CASE_MAKERS } from './test/rule-cases';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { SeededRandom } from './test/seeded-random';
import { TEST_ENVIRONMENTS } from './test/test-packs';
import { amountValue, dateValue, ndcValues } from './test/role-values';
import { AMOUNT, amountSortKey, amountSortKeySql } from './values/amount';
import { claimDateSql, epochDayOf, parseClaimDate } from './values/claim-date';

/**
 * The architecture's promise: each rule's TypeScript predicate and its SQL give the same verdict
 * on every input. Generated near-misses of every format (wrong alphabet, lower case, whitespace,
 * Unicode digits, empty, very long), real codes from the shipped code sets, dates around fiscal
 * year starts and mid-year changes, odd amounts; evaluated one query per rule in DuckDB.
 */
const SEED = 20_260_115;
const CASES_PER_RULE = 3_500;
/** The rules whose verdict depends on the state pack or asOf run under every test environment. */
/** Both ways an engine may let the ICD-10-CM rules reach their intervals; the other rules render the same either way. */
const LOOKUPS = ['subqueries', 'joins'] as const;
const ENVIRONMENT_DEPENDENT = new Set(['medicaid_id.format', 'state_pack.claim_type', 'business.timely_filing', 'dates.service_in_future']);

let runner: DuckDbRuleRunner;
let inputsChecked = 0;
let twinInputsChecked = 0;
const started = Date.now();

beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});

afterAll(() => {
  runner?.close();
  console.info(`rule renderings agreed on ${inputsChecked} rule inputs and ${twinInputsChecked} value-twin inputs in ${Date.now() - started} ms`);
});

function seedOf(label: string): number {
  let hash = SEED;
  for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0;
  return hash;
}

function casesFor(rule: Rule, env: RuleEnvironment, count: number): RuleInputs[] {
  const random = new SeededRandom(seedOf(`${rule.id}@${env.asOf}`));
  const make = CASE_MAKERS[rule.id];
  if (!make) throw new Error(`no input generator for ${rule.id}`);
  return Array.from({ length: count }, () => make(random, env.asOf));
}

describe('TypeScript predicate and DuckDB SQL agree', () => {
  it('has an input generator for every rule', () => {
    expect(RULES.map((rule) => rule.id).filter((id) => !CASE_MAKERS[id])).toEqual([]);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s', async (_id, rule) => {
    const environments = ENVIRONMENT_DEPENDENT.has(rule.id) ? TEST_ENVIRONMENTS : TEST_ENVIRONMENTS.slice(0, 1);
    const perEnvironment = Math.ceil((rule.id.startsWith('icd10cm.') ? 3 * CASES_PER_RULE : CASES_PER_RULE) / environments.length);
    let passes = 0;
    let failures = 0;
    for (const env of environments) {
      const cases = casesFor(rule, env, Math.max(perEnvironment, 1_500));
      for (const lookups of rule.id.startsWith('icd10cm.') ? LOOKUPS : LOOKUPS.slice(0, 1)) {
        const sql = await runner.evaluate(rule, cases, env, [], lookups);
        const disagreements = cases
          .map((inputs, index) => ({ inputs, ts: rule.test(inputs, env), sql: sql[index] }))
          .filter(({ ts, sql: verdict }) => ts !== verdict);
        expect(disagreements.slice(0, 5), `${rule.id} under asOf ${env.asOf}, code lookups by ${lookups}`).toEqual([]);
      }
      for (const inputs of cases) {
        if (rule.test(inputs, env)) passes += 1;
        else failures += 1;
      }
      inputsChecked += cases.length;
    }
    // A generator that only ever produced passes (or failures) would prove nothing.
    expect(passes, `${rule.id} passing inputs`).toBeGreaterThan(50);
    expect(failures, `${rule.id} failing inputs`).toBeGreaterThan(50);
  });
});

describe('under every shipped state pack', () => {
  it.each(loadAllStatePacks().map((pack) => [pack.state, pack] as const))('%s', async (_state, statePack) => {
    const env: RuleEnvironment = { asOf: TEST_ENVIRONMENTS[0]!.asOf, statePack };
    for (const id of ENVIRONMENT_DEPENDENT) {
      const rule = RULES.find((candidate) => candidate.id === id)!;
      const cases = casesFor(rule, env, 1_500);
      const sql = await runner.evaluate(rule, cases, env);
      const split = cases.filter((inputs, index) => rule.test(inputs, env) !== sql[index]);
      expect(split.slice(0, 3), `${id} under ${statePack.state}`).toEqual([]);
      inputsChecked += cases.length;
    }
  });
});

describe('unbound inputs', () => {
  it('treats an input rendered as the literal NULL (no such column) like a null value', async () => {
    const env = TEST_ENVIRONMENTS[0]!;
    for (const rule of RULES) {
      for (const role of rule.roles) {
        const cases = casesFor(rule, env, 200).map((inputs) => ({ ...inputs, [role]: null }));
        const sql = await runner.evaluate(rule, cases, env, [role]);
        const split = cases.filter((inputs, index) => rule.test(inputs, env) !== sql[index]);
        expect(split.slice(0, 3), `${rule.id} without ${role}`).toEqual([]);
        inputsChecked += cases.length;
      }
    }
  });
});

describe('value twins agree', () => {
  async function sqlOver(values: readonly (string | null)[], render: (operand: string) => string): Promise<unknown[]> {
    await runner.connection.run('CREATE OR REPLACE TEMP TABLE twin_values (id INTEGER, v VARCHAR)');
    const appender = await runner.connection.createAppender('twin_values', 'main', 'temp');
    values.forEach((value, id) => {
      appender.appendInteger(id);
      if (value === null) appender.appendNull();
      else appender.appendVarchar(value);
      appender.endRow();
    });
    appender.closeSync();
    return runner.scalar(`SELECT ${render('twin_values.v')} FROM twin_values ORDER BY id`);
  }

  function mismatches<T>(values: readonly (string | null)[], ts: (value: string | null) => T, sql: readonly unknown[]) {
    return values.map((value, index) => ({ value, ts: ts(value), sql: sql[index] })).filter((row) => row.ts !== row.sql);
  }

  it('parseClaimDate and claimDateSql read every date alike', async () => {
    const random = new SeededRandom(seedOf('dates'));
    const values = Array.from({ length: 20_000 }, () => dateValue(random, ['2026-03-15']));
    // Compared as day numbers: DuckDB prints year 0000 as '0001-... (BC)', the same day.
    const sql = await sqlOver(values, (v) => `CAST(date_diff('day', DATE '1970-01-01', ${claimDateSql(v, duckdbExpressions)}) AS INTEGER)`);
    const epochDay = (value: string | null) => {
      const iso = parseClaimDate(value);
      return iso === null ? null : epochDayOf(iso);
    };
    expect(mismatches(values, epochDay, sql).slice(0, 5)).toEqual([]);
    expect(values.filter((value) => parseClaimDate(value) !== null).length).toBeGreaterThan(10_000);
    twinInputsChecked += values.length;
  });

  it('normalizeNdc11 and normalizeNdc11Sql agree', async () => {
    const random = new SeededRandom(seedOf('ndc'));
    const values = Array.from({ length: 10_000 }, () => ndcValues(random));
    const sql = await sqlOver(values, (v) => normalizeNdc11Sql(v, duckdbExpressions));
    expect(mismatches(values, normalizeNdc11, sql).slice(0, 5)).toEqual([]);
    expect(values.filter((value) => normalizeNdc11(value) !== null).length).toBeGreaterThan(1_000);
    twinInputsChecked += values.length;
  });

  it('amountSortKey and amountSortKeySql agree on well-formed amounts', async () => {
    const random = new SeededRandom(seedOf('amounts'));
    const values = Array.from({ length: 10_000 }, () => amountValue(random)).filter((v): v is string => v !== null && AMOUNT.test(v));
    const sql = await sqlOver(values, (v) => amountSortKeySql(v, duckdbExpressions));
    expect(mismatches(values, (v) => amountSortKey(v!), sql).slice(0, 5)).toEqual([]);
    twinInputsChecked += values.length;
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbExpressions } from './sql/expression-dialect';
import { ndcFormat, normalizeNdc11, normalizeNdc11Sql } from './ndc.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { passing } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

const FORMS: Array<[string, string]> = [
  ['0002-1433-80', '00002143380'],
  ['50090-347-02', '50090034702'],
  ['68180-0517-1', '68180051701'],
  ['00002-1433-80', '00002143380'],
  ['00002143380', '00002143380'],
];
const MALFORMED = ['0002143380', '0002-143-380', '00002-1433-800', '2-1433-80', '00002 1433 80', '00002.1433.80', '0002–1433–80', '0000214338０', ''];

describe('ndc.format', () => {
  it('accepts 4-4-2, 5-3-2, 5-4-1 and 5-4-2 (hyphenated or 11 digits)', async () => {
    const valid = FORMS.map(([ndc]) => ndc);
    expect(await passing(runner, ndcFormat, [...valid, ...MALFORMED])).toEqual(valid);
  });
});

describe('normalizeNdc11', () => {
  it('zero-pads the short segment to 5-4-2 and drops the hyphens', () => {
    for (const [ndc, normalized] of FORMS) expect(normalizeNdc11(ndc), ndc).toBe(normalized);
    for (const ndc of [...MALFORMED, null]) expect(normalizeNdc11(ndc), String(ndc)).toBeNull();
  });

  it('has a SQL twin giving the same text', async () => {
    const values = [...FORMS.map(([ndc]) => ndc), ...MALFORMED];
    const rows = await runner.scalar(`SELECT ${normalizeNdc11Sql('v', duckdbExpressions)} FROM (VALUES ${values.map((v) => `('${v}')`).join(', ')}) AS t(v)`);
    expect(rows).toEqual(values.map((value) => normalizeNdc11(value)));
  });
});

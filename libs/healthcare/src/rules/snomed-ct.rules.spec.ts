import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snomedCtFormat } from './snomed-ct.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { judged } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

const judge = (codeType: string | null, codes: readonly string[]) => judged(runner, snomedCtFormat, codes.map((code) => ({ code, codeType })));

describe('snomedct.format', () => {
  it('takes concept ids where the code type names SNOMED CT, in each spelling', async () => {
    for (const type of ['snomed', 'SNOMED-CT', ' snomed ct ', 'SNOMEDCT', 'sct', 'http://snomed.info/sct']) {
      expect(await judge(type, ['44054006', '195662009', '840539006', '138875005', '900000000000207008']), type).toEqual([true, true, true, true, true]);
    }
  });

  it('refuses a wrong check digit, a description id, a leading zero, a wrong length, and ICD-10 codes', async () => {
    const codes = ['44054007', '195662006', '750827015', '044054006', '12345', '1234567890123456789', 'E11.9', 'E119', '44054006.0'];
    expect(await judge('snomed-ct', codes)).toEqual(codes.map(() => false));
  });

  it('leaves codes of any other type to the ICD rules', async () => {
    for (const type of [null, 'icd-10-cm', '9', 'icd-11', 'snomed\u00a0ct', 'ſct']) {
      expect(await judge(type, ['E11.9', '44054007']), String(type)).toEqual([true, true]);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icd9CmFormat } from './icd9cm.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { judged } from './test/verdicts';
import { isIcd9Diagnosis } from './values/diagnosis-code-system';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

const ERA_9 = { serviceDate: '2014-06-01', codeType: null };

describe('icd9cm.format', () => {
  it('accepts numeric, V and E codes with or without the dot after the category', async () => {
    const valid = ['250', '250.0', '250.00', '25000', '401.9', '4019', 'V72', 'V72.3', 'V72.31', 'V7231', 'E849', 'E849.7', 'E8497'];
    const invalid = ['25.00', '250.000', '250000', '25', 'V7', 'V72.312', 'V723123', 'E84.97', 'E849.77', 'E84', 'v72.31', 'e849.7', 'E11.9X', ' 250.00', '250 00', '２５０', ''];
    const verdicts = await judged(runner, icd9CmFormat, [...valid, ...invalid].map((code) => ({ code, ...ERA_9 })));
    expect([...valid, ...invalid].filter((_, i) => verdicts[i])).toEqual(valid);
  });

  it('judges only diagnoses of the ICD-9-CM era', async () => {
    const cases = [
      { code: 'E11.9X', serviceDate: '2015-09-30', codeType: null },
      { code: 'E11.9X', serviceDate: '09/30/2015', codeType: null },
      { code: 'E11.9X', serviceDate: '2024-01-01', codeType: '9' },
      { code: 'E11.9X', serviceDate: null, codeType: 'ICD-9-CM' },
      { code: 'E11.9X', serviceDate: '2015-10-01', codeType: null },
      { code: 'E11.9X', serviceDate: '2014-06-01', codeType: 'icd-10-cm' },
      { code: 'E11.9X', serviceDate: null, codeType: null },
      { code: 'E11.9X', serviceDate: '2014-02-30', codeType: null },
    ];
    expect(await judged(runner, icd9CmFormat, cases)).toEqual([false, false, false, false, true, true, true, true]);
  });
});

describe('isIcd9Diagnosis', () => {
  it.each([
    ['9', null, true],
    ['icd-9-cm', '2024-01-01', true],
    [' ICD 9 CM ', '2024-01-01', true],
    ['I.C.D.-9', '2024-01-01', false],
    ['  9', '2024-01-01', true],
    ['9  ', '2024-01-01', true],
    ['ic d9', '2024-01-01', false],
    ['9\u00a0', '2024-01-01', false],
    ['İCD9', '2024-01-01', false],
    ['\t9', '2024-01-01', false],
    ['icd9', null, true],
    ['0', '2014-06-01', false],
    ['10', '2014-06-01', false],
    ['ICD-10-CM', '2014-06-01', false],
    ['icd10', '2014-06-01', false],
    [null, '2015-09-30', true],
    [null, '30-SEP-2015', true],
    [null, '2015-10-01', false],
    [null, null, false],
    ['icd-11', '2014-06-01', true],
    ['icd-11', '2024-06-01', false],
    ['snomed', '2014-06-01', false],
    [' SNOMED-CT ', '2014-06-01', false],
    ['90', '2024-06-01', false],
    ['', '2014-06-01', true],
  ])('type %j on %j: %j', (codeType, serviceDate, expected) => {
    expect(isIcd9Diagnosis(codeType, serviceDate)).toBe(expected);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icd10CmFormat, icd10CmHeaderCode, icd10CmNotValidOnDate } from './icd10cm.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { judged, passing } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

/** Which of the two code-set rules a code fails on a date: exactly one or none. */
async function failsOn(code: string, serviceDate: string | null, codeType: string | null = null): Promise<string[]> {
  const inputs = [{ code, serviceDate, codeType }];
  const failed: string[] = [];
  for (const rule of [icd10CmHeaderCode, icd10CmNotValidOnDate]) {
    const [ok] = await judged(runner, rule, inputs);
    if (!ok) failed.push(rule.id);
  }
  return failed;
}

describe('icd10cm.format', () => {
  it('accepts upper-case codes with or without the dot, including QA0 and 7th characters', async () => {
    const valid = ['I10', 'E11.9', 'E119', 'M54.50', 'S72.001A', 'S72001A', 'T74.A1XA', 'C4A.9', 'QA0.0101', 'QA08', 'U07.1'];
    const invalid = ['e11.9', 'E1', 'E11.', 'E1.19', 'E11.91234', 'E11912345', '1E1.9', 'E11 9', 'E11..9', ' E11.9', 'Ｅ11.9', ''];
    expect(await passing(runner, icd10CmFormat, [...valid, ...invalid])).toEqual(valid);
  });
});

describe('ICD-10-CM validity on the date of service', () => {
  it('M54.5 is valid in 2019 and a header in 2023 (split into M54.50/51/59 in FY2022)', async () => {
    expect(await failsOn('M54.5', '2019-06-01')).toEqual([]);
    expect(await failsOn('M54.5', '2023-06-01')).toEqual(['icd10cm.header_code']);
    expect(await failsOn('M54.50', '2019-06-01')).toEqual(['icd10cm.not_valid_on_date']);
    expect(await failsOn('M54.50', '2023-06-01')).toEqual([]);
  });

  it('U07.1 is valid from its mid-year start on 2020-04-01', async () => {
    expect(await failsOn('U07.1', '2020-03-01')).toEqual(['icd10cm.not_valid_on_date']);
    expect(await failsOn('U07.1', '2020-03-31')).toEqual(['icd10cm.not_valid_on_date']);
    expect(await failsOn('U07.1', '2020-04-01')).toEqual([]);
    expect(await failsOn('U07.1', '05/01/2020')).toEqual([]);
  });

  it('M35.8 stops being billable on 2021-01-01 (mid-year FY2021) and becomes a header', async () => {
    expect(await failsOn('M35.8', '2020-12-15')).toEqual([]);
    expect(await failsOn('M35.8', '2020-12-31')).toEqual([]);
    expect(await failsOn('M35.8', '2021-01-01')).toEqual(['icd10cm.header_code']);
    expect(await failsOn('M35.8', '20210201')).toEqual(['icd10cm.header_code']);
    expect(await failsOn('M35.81', '2020-12-31')).toEqual(['icd10cm.not_valid_on_date']);
  });

  it('switches code sets on 1 October', async () => {
    expect(await failsOn('M54.5', '2021-09-30')).toEqual([]);
    expect(await failsOn('M54.5', '2021-10-01')).toEqual(['icd10cm.header_code']);
  });

  it('knows nothing before ICD-10 (2015-10-01) for a diagnosis its code type marks ICD-10-CM', async () => {
    expect(await failsOn('E11.9', '2015-09-30', 'icd-10-cm')).toEqual(['icd10cm.not_valid_on_date']);
    expect(await failsOn('E11', '2015-09-30', '0')).toEqual(['icd10cm.not_valid_on_date']);
    expect(await failsOn('E11.9', '2015-10-01', 'ICD10')).toEqual([]);
  });

  it('leaves a diagnosis of the ICD-9-CM era to icd9cm.format: by a date before 2015-10-01, or by its code type', async () => {
    expect(await failsOn('E11.9', '2015-09-30')).toEqual([]);
    expect(await failsOn('E11.99', '2015-09-30')).toEqual([]);
    expect(await failsOn('E11.99', '2024-01-01', 'icd-9-cm')).toEqual([]);
    expect(await failsOn('E11.99', '2024-01-01', '9')).toEqual([]);
    expect(await failsOn('E11', '2024-01-01', 'ICD9')).toEqual([]);
    // A type that names no system leaves the date to decide; SNOMED CT is snomedct.format's.
    expect(await failsOn('E11.99', '2024-01-01', 'icd-11')).toEqual(['icd10cm.not_valid_on_date']);
    expect(await failsOn('E11.99', '2024-01-01', 'snomed')).toEqual([]);
    expect(await failsOn('44054006', '2024-01-01', 'http://snomed.info/sct')).toEqual([]);
    expect(await passing(runner, icd10CmFormat, ['250.00'])).toEqual([]);
    const [era9] = await judged(runner, icd10CmFormat, [{ code: '250.00', serviceDate: '2014-06-01', codeType: null }]);
    expect(era9).toBe(true);
  });

  it('judges dates after the newest fiscal year, and missing or unreadable dates, by the newest set', async () => {
    expect(await failsOn('QA0.8', '2031-01-01')).toEqual([]);
    expect(await failsOn('QA0.8', null)).toEqual([]);
    expect(await failsOn('QA0.8', '2025-02-30')).toEqual([]);
    expect(await failsOn('QA0.8', '2025-06-01')).toEqual(['icd10cm.not_valid_on_date']);
    expect(await failsOn('M54.5', null)).toEqual(['icd10cm.header_code']);
  });

  it('reports a category code as a header, a made-up code as not valid', async () => {
    expect(await failsOn('E11', '2024-01-01')).toEqual(['icd10cm.header_code']);
    expect(await failsOn('E11.', '2024-01-01')).toEqual([]);
    expect(await failsOn('E11.99', '2024-01-01')).toEqual(['icd10cm.not_valid_on_date']);
    expect(await failsOn('E119', '2024-01-01')).toEqual([]);
  });

  it('leaves malformed codes to icd10cm.format', async () => {
    expect(await failsOn('e11.9', '2024-01-01')).toEqual([]);
    expect(await failsOn('11E.9', '2024-01-01')).toEqual([]);
  });
});

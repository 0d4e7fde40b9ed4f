import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icd10PcsFormat } from './icd10pcs.rules';
import { cptFormat, hcpcsFormat, hcpcsModifierFormat, hcpcsNotInCodeSet, procedureFormat } from './procedure.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { judged, passing } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

const CPT = ['99213', '00100', '0001F', '0042T'];
const HCPCS = ['J3420', 'G0008', 'A0021', 'V2020'];
const NEITHER = ['W1234', 'Z9999', 'j3420', '9921', '123456', '0042X', 'AB123', 'J12345', ' 99213', '９９２１３', ''];

describe('procedure code formats', () => {
  it('procedure.format takes CPT I/II/III and HCPCS Level II (A-V)', async () => {
    expect(await passing(runner, procedureFormat, [...CPT, ...HCPCS, ...NEITHER])).toEqual([...CPT, ...HCPCS]);
  });

  it('procedure.format takes a HIPPS rate code, and only that, on a PPS revenue line (0022, 0023, 0024)', async () => {
    const cases = [
      { code: 'KAQD1', revenueCode: '0022' },
      { code: '1FC21', revenueCode: '0023' },
      { code: 'KAQD1', revenueCode: ' 0024 ' },
      { code: 'KAQD', revenueCode: '0022' },
      { code: 'kaqd1', revenueCode: '0023' },
      { code: 'KAQD1', revenueCode: '0420' },
      { code: 'KAQD1', revenueCode: '0025' },
      { code: 'KAQD1', revenueCode: '0021' },
      { code: 'KAQD1', revenueCode: null },
      { code: '97110', revenueCode: '0420' },
      { code: '97110', revenueCode: null },
    ];
    expect(await judged(runner, procedureFormat, cases)).toEqual([true, true, true, false, false, false, false, false, false, true, true]);
  });

  it('cpt.format takes CPT only', async () => {
    expect(await passing(runner, cptFormat, [...CPT, ...HCPCS, ...NEITHER])).toEqual(CPT);
  });

  it('hcpcs.format takes Level II only', async () => {
    expect(await passing(runner, hcpcsFormat, [...CPT, ...HCPCS, ...NEITHER])).toEqual(HCPCS);
  });
});

describe('hcpcs.not_in_code_set', () => {
  it('flags a Level II-shaped code missing from the newest list, and nothing else', async () => {
    const values = ['J3420', 'G0008', 'J0000', 'V9999', '99213', 'W9999', 'j3420', 'junk'];
    expect(await passing(runner, hcpcsNotInCodeSet, values)).toEqual(['J3420', 'G0008', '99213', 'W9999', 'j3420', 'junk']);
  });

  it('leaves a HIPPS code shaped like Level II alone on a PPS line, not elsewhere', async () => {
    const cases = [
      { code: 'A1101', revenueCode: '0024' },
      { code: 'A1101', revenueCode: '0022' },
      { code: 'A1101', revenueCode: '0023' },
      { code: 'A1101', revenueCode: '0420' },
      { code: 'A1101', revenueCode: null },
    ];
    expect(await judged(runner, hcpcsNotInCodeSet, cases)).toEqual([true, true, true, false, false]);
  });
});

describe('hcpcs.modifier_format', () => {
  it('is two upper-case letters or digits, reported as a warning', async () => {
    expect(hcpcsModifierFormat.severity).toBe('warning');
    expect(await passing(runner, hcpcsModifierFormat, ['LT', '25', 'GT', 'Q5', 'lt', 'L', 'LTX', 'L-', ' LT', 'ＬＴ'])).toEqual(['LT', '25', 'GT', 'Q5']);
  });
});

describe('icd10pcs.format', () => {
  it('is seven characters of 0-9 and A-Z without I and O', async () => {
    const valid = ['0DTJ4ZZ', '02HV33Z', 'B2151ZZ', 'XW033E5'];
    const invalid = ['0DTJ4Z', '0DTJ4ZZZ', '0DTI4ZZ', '0DTO4ZZ', '0dtj4zz', '0DT.J4Z', '0DTJ4ZＺ'];
    expect(await passing(runner, icd10PcsFormat, [...valid, ...invalid])).toEqual(valid);
  });
});

import {
  isoDateToEpochDay,
  loadHcpcsLevel2Codes,
  loadIcd10CmCodes,
  loadPlaceOfServiceCodes,
  toDotlessIcd10Cm,
} from '@ade/healthcare';
import { describe, expect, it } from 'vitest';
import { SyntheticOptionsError } from '../synthetic-options-error';
import { COMMON_DIAGNOSES } from './common-codes';
import { isExcludedDiagnosis } from './diagnosis-exclusions';
import { diagnosisCodesValidBetween } from './diagnosis-pool';
import { loadReferencePools } from './reference-pools';

const day = (date: string) => isoDateToEpochDay(date)!;

describe('diagnosisCodesValidBetween', () => {
  it('is the intersection of the fiscal years the window touches', () => {
    const codes = diagnosisCodesValidBetween(day('2025-01-01'), day('2026-06-30'));
    const fy2025 = loadIcd10CmCodes(2025);
    const fy2026 = loadIcd10CmCodes(2026);
    for (const code of codes) {
      expect(fy2025.has(toDotlessIcd10Cm(code))).toBe(true);
      expect(fy2026.has(toDotlessIcd10Cm(code))).toBe(true);
    }
    expect(codes.length).toBeGreaterThan(73_000);
    expect(codes).toContain('E11.9');
  });

  it('leaves out codes touched by a mid-year update', () => {
    expect(diagnosisCodesValidBetween(day('2020-10-01'), day('2021-09-30'))).not.toContain('M35.8');
  });

  it('carries the newest list forward past the last shipped fiscal year', () => {
    expect(diagnosisCodesValidBetween(day('2026-01-01'), day('2027-11-30'))).toEqual(
      diagnosisCodesValidBetween(day('2026-01-01'), day('2026-06-30')),
    );
  });

  it('refuses dates before the oldest shipped list', () => {
    expect(() => diagnosisCodesValidBetween(day('2015-06-01'), day('2016-06-01'))).toThrow(SyntheticOptionsError);
  });
});

describe('loadReferencePools', () => {
  const pools = loadReferencePools(day('2025-01-01'), day('2026-06-30'));

  it('keeps the common lists almost whole for the default window', () => {
    const common = new Set([...pools.commonChildDiagnosisCodes, ...pools.commonAdultDiagnosisCodes]);
    expect(common.size).toBeGreaterThanOrEqual(COMMON_DIAGNOSES.length - 2);
    expect(pools.commonChildDiagnosisCodes).toContain('Z00.129');
    expect(pools.commonChildDiagnosisCodes).not.toContain('Z00.00');
    expect(pools.commonAdultDiagnosisCodes).not.toContain('Z00.129');
    expect(pools.commonAnyAgeDiagnosisCodes).not.toContain('I10');
  });

  it('draws no age- or sex-bound diagnoses at random', () => {
    expect(pools.diagnosisCodes.some((code) => isExcludedDiagnosis(toDotlessIcd10Cm(code)))).toBe(false);
    expect(pools.diagnosisCodes.some((code) => code.startsWith('O'))).toBe(false);
  });

  it('takes HCPCS, POS and modifiers from the shipped sets', () => {
    const current = loadHcpcsLevel2Codes();
    expect(pools.hcpcsLevel2Codes.every((code) => current.has(code))).toBe(true);
    expect(pools.hcpcsLevel2Codes.length).toBeGreaterThan(8_000);
    const pos = loadPlaceOfServiceCodes();
    expect([...pools.placesOfService, ...pools.weightedPlacesOfService].every((code) => pos.has(code))).toBe(true);
    expect(pools.modifiers.length).toBeGreaterThan(20);
  });
});

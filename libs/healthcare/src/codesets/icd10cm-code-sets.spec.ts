import { describe, expect, it } from 'vitest';
import { isIcd10CmDottedFormat, toDottedIcd10Cm } from '../formats/icd10cm-format';
import { CodesetError } from './codeset-error';
import { icd10CmFiscalYears, loadIcd10CmCodes, loadIcd10CmFiscalYears } from './icd10cm-code-sets';
import { loadIcd10CmMidyearChanges } from './icd10cm-midyear-changes';

/** Row counts from codesets/SOURCES.md. */
const EXPECTED_COUNTS: Record<number, number> = {
  2016: 69_823,
  2017: 71_486,
  2018: 71_704,
  2019: 71_932,
  2020: 72_184,
  2021: 72_616,
  2022: 72_748,
  2023: 73_639,
  2024: 74_044,
  2025: 74_260,
  2026: 74_719,
};

describe('ICD-10-CM fiscal-year code sets', () => {
  it('discovers every fiscal year by file name, including the renamed FY2026', () => {
    expect(icd10CmFiscalYears()).toEqual(Object.keys(EXPECTED_COUNTS).map(Number));
  });

  it('loads each year with its documented row count', () => {
    const years = loadIcd10CmFiscalYears();
    expect([...years.keys()]).toEqual(Object.keys(EXPECTED_COUNTS).map(Number));
    for (const [fiscalYear, codes] of years) expect(codes.size, `FY${fiscalYear}`).toBe(EXPECTED_COUNTS[fiscalYear]);
  });

  it('follows known code changes across years', () => {
    expect(loadIcd10CmCodes(2021).has('M545')).toBe(true);
    expect(loadIcd10CmCodes(2022).has('M545')).toBe(false);
    expect(loadIcd10CmCodes(2022).has('M5450')).toBe(true);
    expect(loadIcd10CmCodes(2020).has('U071')).toBe(false);
    expect(loadIcd10CmCodes(2021).has('U071')).toBe(true);
    expect(loadIcd10CmCodes(2026).has('E119')).toBe(true);
    // A header (category with children) is never billable.
    expect(loadIcd10CmCodes(2026).has('E11')).toBe(false);
  });

  it('holds only codes whose dotted spelling passes the format check (QA0 included)', () => {
    const years = loadIcd10CmFiscalYears();
    expect(years.size).toBe(Object.keys(EXPECTED_COUNTS).length);
    for (const [fiscalYear, codes] of years) {
      const malformed = [...codes].filter((code) => !isIcd10CmDottedFormat(toDottedIcd10Cm(code)));
      expect(malformed, `FY${fiscalYear}`).toEqual([]);
    }
    expect(loadIcd10CmCodes(2026).has('QA08')).toBe(true);
  });

  it('caches each year', () => {
    expect(loadIcd10CmCodes(2025)).toBe(loadIcd10CmCodes(2025));
    expect(loadIcd10CmFiscalYears()).toBe(loadIcd10CmFiscalYears());
    expect(loadIcd10CmFiscalYears().get(2025)).toBe(loadIcd10CmCodes(2025));
  });

  it('refuses a year with no shipped file', () => {
    expect(() => loadIcd10CmCodes(2015)).toThrow(CodesetError);
  });
});

describe('ICD-10-CM mid-year changes', () => {
  it('lists the 13 documented changes', () => {
    const changes = loadIcd10CmMidyearChanges();
    expect(changes).toHaveLength(13);
    expect(changes[0]).toEqual({ effectiveDate: '2020-04-01', change: 'added', code: 'U070', firstFiscalYearFile: 2021 });
  });

  it('agrees with the fiscal-year files it annotates', () => {
    const changes = loadIcd10CmMidyearChanges();
    expect(changes).toHaveLength(13);
    for (const { change, code, firstFiscalYearFile } of changes) {
      expect(loadIcd10CmCodes(firstFiscalYearFile).has(code), code).toBe(change === 'added');
    }
  });
});

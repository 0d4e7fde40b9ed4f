import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@ade/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TUVA_MEDICAL_CLAIM_HEADERS } from '@ade/synthetic';
import { validateFile, type ValidationReport } from '../src';
import { BAD_NPI, delimited, tuvaInstitutionalLine as institutional, tuvaProfessionalLine as professional } from './public-layout-files';

describe('validateFile on a medical-claim file mixing professional and institutional lines', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const violations = (report: ValidationReport) => report.violations.map((v) => [v.row, v.rule, v.column]);
  const validate = async (rows: Array<Record<string, string>>, type?: 'professional_claims' | 'institutional_claims') => {
    const path = join(dir.path, `medical_claim-${rows.length}-${type ?? 'any'}.csv`);
    await writeFile(path, delimited(TUVA_MEDICAL_CLAIM_HEADERS, rows, ','));
    return validateFile({ path, asOf: '2026-11-01', ...(type && { type }) });
  };

  beforeAll(async () => {
    dir = await makeTempDir('validate-mixed-claims');
  });
  afterAll(() => dir?.cleanup());

  it('routes each line to its claim form: no place of service asked of a hospital line, no type of bill of an office visit', async () => {
    const report = await validate([professional(), institutional(), institutional({ claim_line_number: '2', revenue_center_code: '0250' })], 'professional_claims');
    expect(report.routes).toEqual([
      { claimType: 'professional', type: 'professional_claims', lines: 1 },
      { claimType: 'institutional', type: 'institutional_claims', lines: 2 },
    ]);
    expect(violations(report)).toEqual([]);
    expect(report.columns.missingRequired).toEqual([]);
  });

  it('judges an institutional diagnosis by the code set in force on the claim dates when the line has no date', async () => {
    // U07.1 (COVID-19) entered ICD-10-CM on 2020-04-01: wrong for a June 2019 stay, right for a 2024 office visit.
    const report = await validate([professional({ diagnosis_code_1: 'U07.1' }), institutional({ diagnosis_code_1: 'U07.1' })]);
    expect(violations(report)).toEqual([[2, 'icd10cm.not_valid_on_date', 'diagnosis_code_1']]);
  });

  it('keeps each form its own rules: a professional line without a place of service, an institutional one without a type of bill', async () => {
    const report = await validate([
      professional({ place_of_service_code: '', paid_amount: '200.00' }),
      institutional({ bill_type_code: '', billing_npi: BAD_NPI }),
      professional({ claim_id: 'P2', claim_type: 'institutional' }),
    ]);
    expect(violations(report)).toEqual([
      [1, 'amounts.paid_exceeds_billed', 'paid_amount'],
      [1, 'required.missing', 'place_of_service_code'],
      [2, 'npi.check_digit', 'billing_npi'],
      [2, 'required.missing', 'bill_type_code'],
      // A professional line labelled institutional has no type of bill or revenue code: the label is what is judged.
      [3, 'required.missing', 'bill_type_code'],
      [3, 'required.missing', 'revenue_center_code'],
    ]);
  });

  it('reports a line of no known claim type instead of judging it by neither form, and a repeated line once', async () => {
    const report = await validate([professional(), professional({ claim_id: 'D1', claim_type: 'dental' }), professional({ claim_id: 'U1', claim_type: '' }), professional()]);
    expect(violations(report)).toEqual([
      [2, 'routing.claim_type', 'claim_type'],
      [3, 'routing.claim_type', 'claim_type'],
      [4, 'integrity.duplicate_line', 'claim_id'],
    ]);
    expect(report.routes?.map((route) => route.lines)).toEqual([2, 0]);
  });

  it('routes nothing in a file of one claim form, even one with a claim type column', async () => {
    const headers = TUVA_MEDICAL_CLAIM_HEADERS.filter((header) => !['bill_type_code', 'revenue_center_code', 'admission_date', 'discharge_date'].includes(header));
    const path = join(dir.path, 'professional-only.csv');
    await writeFile(path, delimited(headers, [professional()], ','));
    const report = await validateFile({ path, type: 'professional_claims', asOf: '2026-11-01' });
    expect(report.routes).toBeUndefined();
    expect(report.rules).not.toHaveProperty('routing.claim_type');
  });
});

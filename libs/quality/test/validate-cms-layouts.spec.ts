import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@ade/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CCLF1_PART_A_HEADER_HEADERS,
  CCLF2_PART_A_REVENUE_HEADERS,
  CCLF5_PART_B_PHYSICIAN_HEADERS,
  CCLF6_PART_B_DME_HEADERS,
  CCLF7_PART_D_HEADERS,
  CCLF8_BENEFICIARY_DEMOGRAPHICS_HEADERS,
  CCW_DME_HEADERS,
  CCW_HHA_HEADERS,
  CCW_HOSPICE_HEADERS,
  CCW_PDE_HEADERS,
  CCW_SNF_HEADERS,
  DE_SYNPUF_CARRIER_HEADERS,
  DE_SYNPUF_INPATIENT_HEADERS,
  DE_SYNPUF_OUTPATIENT_HEADERS,
  DE_SYNPUF_PDE_HEADERS,
} from '@ade/synthetic';
import { validateFile, type ValidationReport } from '../src';
import { BAD_NPI, cclf1Row, cclf2Line, cclf5Line, cclf6Line, cclf7Row, cclf8Row, delimited, dmeLine, hhaLine, hospiceLine, pdeRow, RENDERING, snfLine, synpufClaim, synpufInpatientClaim, synpufOutpatientClaim, synpufPdeRow } from './public-layout-files';

/** The other CMS claim files (SNF, HHA, hospice, DME, Part D events), CCLF files 1, 2 and 5-8 and DE-SynPUF, built from their published field lists. */
describe('validateFile on the other CMS claim and CCLF layouts', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const validate = async (name: string, content: string): Promise<ValidationReport> => {
    const path = join(dir.path, name);
    await writeFile(path, content);
    return validateFile({ path, asOf: '2026-11-01' });
  };
  const violations = (report: ValidationReport) => report.violations.map((v) => [v.row, v.rule, v.column]);

  beforeAll(async () => {
    dir = await makeTempDir('validate-cms-layouts');
  });
  afterAll(() => dir?.cleanup());

  it('reads a SNF file as SNF stays: type of bill, admission and discharge, the facility NPI, HIPPS codes on PPS lines', async () => {
    const report = await validate(
      'snf.csv',
      delimited(CCW_SNF_HEADERS, [
        snfLine(),
        snfLine({ CLM_ID: '-10000930000202', ORG_NPI_NUM: BAD_NPI, CLM_ADMSN_DT: '31-APR-2021' }),
        snfLine({ CLM_LINE_NUM: '2', REV_CNTR: '0420', HCPCS_CD: '97110' }),
        snfLine({ CLM_LINE_NUM: '3', REV_CNTR: '0420', HCPCS_CD: 'KAQD1' }),
      ], '|'),
    );
    expect([report.type, report.layout?.id]).toEqual(['institutional_claims', 'cms-ccw-rif-snf']);
    // KAQD1 is a HIPPS rate code: right on the 0022 PPS line, not a procedure on a therapy line.
    expect(violations(report)).toEqual([
      [2, 'npi.check_digit', 'ORG_NPI_NUM'],
      [2, 'date.format', 'CLM_ADMSN_DT'],
      [4, 'procedure.format', 'HCPCS_CD'],
    ]);
    expect(report.columns.mapped).toContainEqual({ source: 'CLM_FAC_TYPE_CD || CLM_SRVC_CLSFCTN_TYPE_CD || CLM_FREQ_CD', canonical: 'bill_type_code', by: 'layout' });
    expect(report.columns.missingRequired).toEqual([]);
  });

  it('judges a home health line on its revenue-center date and its payment against its charge', async () => {
    const report = await validate(
      'hha.csv',
      delimited(CCW_HHA_HEADERS, [hhaLine(), hhaLine({ CLM_LINE_NUM: '2', REV_CNTR_PMT_AMT_AMT: '250.00' }), hhaLine({ CLM_LINE_NUM: '3', ICD_DGNS_CD1: 'I502' })], '|'),
    );
    expect(report.layout?.id).toBe('cms-ccw-rif-hha');
    expect(violations(report)).toEqual([
      [2, 'amounts.paid_exceeds_billed', 'REV_CNTR_PMT_AMT_AMT'],
      [3, 'icd10cm.header_code', 'ICD_DGNS_CD1'],
    ]);
    expect(report.columns.mapped).toContainEqual({ source: 'REV_CNTR_DT', canonical: 'claim_line_start_date', by: 'layout' });
  });

  it('reads a hospice file, and judges an ICD-9 diagnosis of 2014 as ICD-9 by its version code', async () => {
    const era9 = { CLM_FROM_DT: '01-MAY-2014', CLM_THRU_DT: '31-MAY-2014', REV_CNTR_DT: '01-MAY-2014', CLM_HOSPC_START_DT_ID: '01-MAY-2014' };
    const report = await validate(
      'hospice.csv',
      delimited(CCW_HOSPICE_HEADERS, [hospiceLine(), hospiceLine({ ...era9, CLM_ID: '-10000930000402', ICD_DGNS_CD1: '1629', ICD_DGNS_VRSN_CD1: '9' })], '|'),
    );
    expect(report.layout?.id).toBe('cms-ccw-rif-hospice');
    expect(violations(report)).toEqual([]);
    expect(report.rules['icd10cm.format']).toBe(0);
  });

  it('reads a DME file with the supplier as the billing provider', async () => {
    const report = await validate('dme.csv', delimited(CCW_DME_HEADERS, [dmeLine(), dmeLine({ LINE_NUM: '2', PRVDR_NPI: BAD_NPI, LINE_PLACE_OF_SRVC_CD: '00' })], '|'));
    expect([report.type, report.layout?.id]).toEqual(['professional_claims', 'cms-ccw-rif-dme']);
    expect(report.columns.mapped).toContainEqual({ source: 'PRVDR_NPI', canonical: 'billing_npi', by: 'layout' });
    expect(violations(report)).toEqual([
      [2, 'npi.check_digit', 'PRVDR_NPI'],
      [2, 'place_of_service.unknown', 'LINE_PLACE_OF_SRVC_CD'],
    ]);
  });

  it('reads Part D events: the pharmacy NPI only under qualifier 01, one line per fill, NDCs and quantities', async () => {
    const report = await validate(
      'pde.csv',
      delimited(CCW_PDE_HEADERS, [
        pdeRow(),
        pdeRow({ PDE_ID: '-10000000000102', SRVC_PRVDR_ID_QLFYR_CD: '07', SRVC_PRVDR_ID: '0512345' }),
        pdeRow({ PDE_ID: '-10000000000103', PROD_SRVC_ID: '0002-3233', PRSCRBR_ID: BAD_NPI }),
        pdeRow(),
      ], '|'),
    );
    expect([report.type, report.layout?.id]).toEqual(['pharmacy_claims', 'cms-ccw-pde']);
    const pharmacy = 'SRVC_PRVDR_ID where SRVC_PRVDR_ID_QLFYR_CD = 01';
    // An NCPDP pharmacy number (qualifier 07) is not read as an NPI: the fill has no pharmacy NPI.
    expect(violations(report)).toEqual([
      [2, 'required.missing', pharmacy],
      [3, 'npi.check_digit', 'PRSCRBR_ID where PRSCRBR_ID_QLFYR_CD = 01'],
      [3, 'ndc.format', 'PROD_SRVC_ID'],
      // One fill per row: the event id alone keys it, so a repeated event is a duplicate.
      [4, 'integrity.duplicate_line', 'PDE_ID'],
    ]);
    expect(report.columns.mapped).toContainEqual({ source: "'1'", canonical: 'claim_line_number', by: 'layout' });
  });

  it('reads a CCLF1 claim header as one institutional claim per row, saying the revenue lines are in CCLF2', async () => {
    const report = await validate('cclf1.csv', delimited(CCLF1_PART_A_HEADER_HEADERS, [cclf1Row(), cclf1Row({ CUR_CLM_UNIQ_ID: '1000000002', FAC_PRVDR_NPI_NUM: BAD_NPI, CLM_BILL_FAC_TYPE_CD: '', CLM_BILL_CLSFCTN_CD: '', CLM_BILL_FREQ_CD: '' })], ','));
    expect([report.type, report.layout?.id]).toEqual(['institutional_claims', 'cms-cclf1-part-a-header']);
    expect(report.columns.missingRequired).toEqual([]);
    expect(report.layout?.notCarried).toEqual({ revenue_center_code: expect.stringMatching(/CCLF file 2/) });
    expect(violations(report)).toEqual([
      [2, 'npi.check_digit', 'FAC_PRVDR_NPI_NUM'],
      [2, 'required.missing', 'CLM_BILL_FAC_TYPE_CD || CLM_BILL_CLSFCTN_CD || CLM_BILL_FREQ_CD'],
    ]);
    // Only the blank type of bill: the revenue code CCLF1 does not carry faults no row.
    expect(report.rules['required.missing']).toBe(1);
  });

  it('reads CCLF2 revenue lines, whose type of bill, facility NPI and diagnoses are in other CCLF files', async () => {
    const report = await validate(
      'cclf2.csv',
      delimited(CCLF2_PART_A_REVENUE_HEADERS, [
        cclf2Line(),
        cclf2Line({ CLM_LINE_NUM: '2', CLM_LINE_PROD_REV_CTR_CD: '0300', CLM_LINE_HCPCS_CD: '8005', CLM_LINE_FROM_DT: '2024-02-30' }),
      ], ','),
    );
    expect([report.type, report.layout?.id]).toEqual(['institutional_claims', 'cms-cclf2-part-a-revenue']);
    expect(Object.keys(report.layout?.notCarried ?? {})).toEqual(['bill_type_code', 'billing_npi', 'diagnosis_code_1', 'charge_amount']);
    expect(report.columns.missingRequired).toEqual([]);
    expect(violations(report)).toEqual([
      [2, 'procedure.format', 'CLM_LINE_HCPCS_CD'],
      [2, 'date.format', 'CLM_LINE_FROM_DT'],
    ]);
  });

  it('reads CCLF5 lines without a billing NPI or charge, which it reports as not carried, and still judges the rest', async () => {
    const report = await validate(
      'cclf5.csv',
      delimited(CCLF5_PART_B_PHYSICIAN_HEADERS, [cclf5Line(), cclf5Line({ CLM_LINE_NUM: '2', RNDRG_PRVDR_NPI_NUM: BAD_NPI, CLM_LINE_HCPCS_CD: '9921' })], ','),
    );
    expect([report.type, report.layout?.id]).toEqual(['professional_claims', 'cms-cclf5-part-b-physician']);
    expect(Object.keys(report.layout?.notCarried ?? {})).toEqual(['billing_npi', 'charge_amount']);
    expect(report.columns.missingRequired).toEqual([]);
    expect(violations(report)).toEqual([
      [2, 'npi.check_digit', 'RNDRG_PRVDR_NPI_NUM'],
      [2, 'procedure.format', 'CLM_LINE_HCPCS_CD'],
    ]);
    expect(report.rules).not.toHaveProperty('medicaid_id.format');
  });

  it('reads CCLF7 Part D lines with their NPI qualifiers', async () => {
    const report = await validate(
      'cclf7.csv',
      delimited(CCLF7_PART_D_HEADERS, [cclf7Row(), cclf7Row({ CUR_CLM_UNIQ_ID: '3000000002', CLM_SRVC_PRVDR_GNRC_ID_NUM: BAD_NPI, CLM_LINE_NDC_CD: '2323330' })], ','),
    );
    expect([report.type, report.layout?.id]).toEqual(['pharmacy_claims', 'cms-cclf7-part-d']);
    expect(violations(report)).toEqual([
      [2, 'npi.check_digit', 'CLM_SRVC_PRVDR_GNRC_ID_NUM where PRVDR_SRVC_ID_QLFYR_CD = 01'],
      [2, 'ndc.format', 'CLM_LINE_NDC_CD'],
    ]);
  });

  it('reads each DE-SynPUF claim as its lines, judging lines 2 to 13 as line 1, and names the line of each violation', async () => {
    const report = await validate(
      'synpuf-carrier.csv',
      delimited(DE_SYNPUF_CARRIER_HEADERS, [
        synpufClaim({}, [[RENDERING, '99213', '60.00', '48.00'], [RENDERING, '36415', '3.00', '2.40']]),
        // Line 3 of thirteen: a bad NPI and a malformed code, far from the first line.
        synpufClaim({ CLM_ID: '887733370393391' }, [[RENDERING, '99214', '90.00', '72.00'], [RENDERING, '80053', '15.00', '12.00'], [BAD_NPI, '9921', '10.00', '8.00']]),
        // Paid over allowed on line 13; lines 2 to 12 blank are no lines at all.
        synpufClaim({ CLM_ID: '887733370393392', ICD9_DGNS_CD_1: '2500X' }, [
          [RENDERING, '99212', '40.00', '32.00'], ...Array.from({ length: 11 }, (): [string, string, string, string] => ['', '', '', '']), [RENDERING, '97110', '20.00', '25.00'],
        ]),
        // A claim with no line filled is still read, as its first line.
        synpufClaim({ CLM_ID: '887733370393393' }, []),
      ], ','),
    );
    expect([report.type, report.layout?.id]).toEqual(['professional_claims', 'cms-de-synpuf-carrier']);
    expect(report.lines).toEqual({ from: 1, to: 13, fileRows: 4 });
    expect(report.rows).toBe(8);
    expect(report.violations.map((v) => [v.row, v.line, v.rule, v.column])).toEqual([
      [2, 3, 'npi.check_digit', 'PRF_PHYSN_NPI_3'],
      [2, 3, 'procedure.format', 'HCPCS_CD_3'],
      [3, 1, 'icd9cm.format', 'ICD9_DGNS_CD_1'],
      [3, 13, 'icd9cm.format', 'ICD9_DGNS_CD_1'],
      [3, 13, 'amounts.paid_exceeds_allowed', 'LINE_NCH_PMT_AMT_13'],
      [4, 1, 'required.missing', 'HCPCS_CD_1'],
    ]);
    expect(report.rules['icd10cm.format']).toBe(0);
    expect(report.rules['integrity.duplicate_line']).toBe(0);
    expect(report.columns.mapped).toContainEqual({ source: '{n}', canonical: 'claim_line_number', by: 'layout' });
    expect(report.columns.missingRequired).toEqual([]);
  });

  it('reads CCLF6 DME lines: the pay-to supplier is the billing NPI, and no diagnosis, units or charge are asked of them', async () => {
    const report = await validate(
      'cclf6.csv',
      delimited(CCLF6_PART_B_DME_HEADERS, [cclf6Line(), cclf6Line({ CLM_LINE_NUM: '2', PAYTO_PRVDR_NPI_NUM: BAD_NPI, CLM_LINE_CVRD_PD_AMT: '80.00' })], ','),
    );
    expect([report.type, report.layout?.id]).toEqual(['professional_claims', 'cms-cclf6-part-b-dme']);
    expect(Object.keys(report.layout?.notCarried ?? {})).toEqual(['diagnosis_code_1', 'service_unit_quantity', 'charge_amount']);
    expect(report.columns.missingRequired).toEqual([]);
    expect(violations(report)).toEqual([
      [2, 'npi.check_digit', 'PAYTO_PRVDR_NPI_NUM'],
      [2, 'amounts.paid_exceeds_allowed', 'CLM_LINE_CVRD_PD_AMT'],
    ]);
  });

  it('reads CCLF8 beneficiaries as Medicare fee-for-service eligibility, the ZIP from its two fields', async () => {
    const report = await validate(
      'cclf8.csv',
      delimited(CCLF8_BENEFICIARY_DEMOGRAPHICS_HEADERS, [
        cclf8Row(),
        cclf8Row({ BENE_MBI_ID: '2EG4TE5MK74', GEO_USPS_STATE_CD: 'XX', GEO_ZIP5_CD: '2120' }),
        cclf8Row({ BENE_MBI_ID: '3EG4TE5MK75', BENE_PART_A_ENRLMT_BGN_DT: '', BENE_DOB: '1950-02-30' }),
      ], ','),
    );
    expect([report.type, report.layout?.id]).toEqual(['eligibility', 'cms-cclf8-beneficiary-demographics']);
    expect(report.columns.missingRequired).toEqual([]);
    expect(violations(report)).toEqual([
      [2, 'state.unknown', 'GEO_USPS_STATE_CD'],
      [2, 'zip.format', 'GEO_ZIP5_CD || GEO_ZIP4_CD'],
      [3, 'date.format', 'BENE_DOB'],
      [3, 'required.missing', 'BENE_PART_A_ENRLMT_BGN_DT'],
    ]);
    expect(report.rules).not.toHaveProperty('medicaid_id.format');
  });

  it('reads a DE-SynPUF inpatient segment as one institutional row, its diagnoses as ICD-9-CM', async () => {
    const report = await validate(
      'synpuf-inpatient.csv',
      delimited(DE_SYNPUF_INPATIENT_HEADERS, [
        synpufInpatientClaim(),
        synpufInpatientClaim({ SEGMENT: '2', ICD9_DGNS_CD_1: '4580X', AT_PHYSN_NPI: BAD_NPI }),
      ], ','),
    );
    expect([report.type, report.layout?.id]).toEqual(['institutional_claims', 'cms-de-synpuf-inpatient']);
    expect(report.columns.missingRequired).toEqual([]);
    expect(violations(report)).toEqual([
      [2, 'npi.check_digit', 'AT_PHYSN_NPI'],
      [2, 'icd9cm.format', 'ICD9_DGNS_CD_1'],
    ]);
    expect(report.rules['icd10cm.format']).toBe(0);
    expect(report.rules['integrity.duplicate_line']).toBe(0);
  });

  it('reads each DE-SynPUF outpatient claim as its HCPCS lines, the claim payment on the first line only', async () => {
    const report = await validate(
      'synpuf-outpatient.csv',
      delimited(DE_SYNPUF_OUTPATIENT_HEADERS, [
        synpufOutpatientClaim({}, ['99213', '36415', '9921']),
        synpufOutpatientClaim({ CLM_ID: '542192281063887', CLM_PMT_AMT: '' }, []),
      ], ','),
    );
    expect([report.type, report.layout?.id]).toEqual(['institutional_claims', 'cms-de-synpuf-outpatient']);
    expect(report.lines).toEqual({ from: 1, to: 45, fileRows: 2 });
    expect(report.rows).toBe(4);
    expect(report.violations.map((v) => [v.row, v.line, v.rule, v.column])).toEqual([[1, 3, 'procedure.format', 'HCPCS_CD_3']]);
    expect(report.columns.mapped).toContainEqual({ source: 'CLM_PMT_AMT', canonical: 'paid_amount', by: 'layout' });
    expect(report.rules['icd9cm.format']).toBe(0);
  });

  it('reads DE-SynPUF drug events one fill each, without asking them for the pharmacy or prescriber they do not name', async () => {
    const report = await validate(
      'synpuf-pde.csv',
      delimited(DE_SYNPUF_PDE_HEADERS, [synpufPdeRow(), synpufPdeRow({ PDE_ID: '233004438012382', PROD_SRVC_ID: '2323330', DAYS_SUPLY_NUM: '' })], ','),
    );
    expect([report.type, report.layout?.id]).toEqual(['pharmacy_claims', 'cms-de-synpuf-pde']);
    expect(Object.keys(report.layout?.notCarried ?? {})).toEqual(['dispensing_provider_npi', 'prescribing_provider_npi']);
    expect(report.columns.missingRequired).toEqual([]);
    expect(violations(report)).toEqual([
      [2, 'ndc.format', 'PROD_SRVC_ID'],
      [2, 'required.missing', 'DAYS_SUPLY_NUM'],
    ]);
  });
});

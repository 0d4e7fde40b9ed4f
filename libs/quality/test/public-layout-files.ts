import { npiCheckDigit } from '@ade/healthcare';

/**
 * Files written in public layouts (CMS CCW RIF as CMS's synthetic claims carry it: pipe-delimited,
 * DD-MMM-YYYY dates, undotted ICD-10 codes; the NPPES registry file: quoted CSV, MM/DD/YYYY,
 * numbered taxonomy slots), built from the layouts' published header rows.
 */
export const npi = (first9: string) => `${first9}${npiCheckDigit(first9)}`;
export const BILLING = npi('123456789');
export const RENDERING = npi('124531959');
export const BAD_NPI = `${BILLING.slice(0, 9)}${(Number(BILLING[9]) + 1) % 10}`;

export function delimited(headers: readonly string[], rows: ReadonlyArray<Record<string, string>>, delimiter: string, quote = false): string {
  const cell = (value: string) => (quote ? `"${value}"` : value);
  return [headers.map(cell).join(delimiter), ...rows.map((row) => headers.map((h) => cell(row[h] ?? '')).join(delimiter))].join('\n') + '\n';
}

export const carrierLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  BENE_ID: '-10000010254618', CLM_ID: '-10000930037921', NCH_NEAR_LINE_REC_IDENT_CD: 'O', NCH_CLM_TYPE_CD: '71',
  CLM_FROM_DT: '03-MAR-2023', CLM_THRU_DT: '03-MAR-2023', NCH_WKLY_PROC_DT: '10-MAR-2023', CLM_PMT_AMT: '72.50',
  PRNCPAL_DGNS_CD: 'E119', PRNCPAL_DGNS_VRSN_CD: '0', ICD_DGNS_CD1: 'E119', ICD_DGNS_VRSN_CD1: '0', ICD_DGNS_CD2: 'I10', ICD_DGNS_VRSN_CD2: '0',
  CARR_CLM_BLG_NPI_NUM: BILLING, LINE_NUM: '1', PRF_PHYSN_NPI: RENDERING, ORG_NPI_NUM: BILLING, PRVDR_STATE_CD: '45',
  LINE_SRVC_CNT: '1', LINE_PLACE_OF_SRVC_CD: '11', LINE_1ST_EXPNS_DT: '03-MAR-2023', LINE_LAST_EXPNS_DT: '03-MAR-2023',
  HCPCS_CD: '99213', LINE_NCH_PMT_AMT: '72.50', LINE_BENE_PTB_DDCTBL_AMT: '0', LINE_COINSRNC_AMT: '18.13',
  LINE_SBMTD_CHRG_AMT: '150.00', LINE_ALOWD_CHRG_AMT: '90.63', LINE_ICD_DGNS_CD: 'E119', LINE_ICD_DGNS_VRSN_CD: '0',
  ...overrides,
});

export const inpatientLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  DML_IND: 'INSERT', BENE_ID: '-10000010254618', CLM_ID: '-10000930000001', FINAL_ACTION: 'F', NCH_NEAR_LINE_REC_IDENT_CD: 'V',
  NCH_CLM_TYPE_CD: '60', CLM_FROM_DT: '10-JUN-2020', CLM_THRU_DT: '15-JUN-2020', PRVDR_NUM: '450001',
  CLM_FAC_TYPE_CD: '1', CLM_SRVC_CLSFCTN_TYPE_CD: '1', CLM_FREQ_CD: '1', CLM_PMT_AMT: '9000.00', ORG_NPI_NUM: BILLING,
  AT_PHYSN_NPI: RENDERING, PTNT_DSCHRG_STUS_CD: '01', CLM_TOT_CHRG_AMT: '12000.00', CLM_ADMSN_DT: '10-JUN-2020',
  CLM_IP_ADMSN_TYPE_CD: '1', CLM_SRC_IP_ADMSN_CD: '1', NCH_BENE_DSCHRG_DT: '15-JUN-2020', CLM_DRG_CD: '177',
  PRNCPAL_DGNS_CD: 'U071', ICD_DGNS_CD1: 'U071', ICD_DGNS_VRSN_CD1: '0', CLM_POA_IND_SW1: 'Y', ICD_DGNS_CD2: 'J189', CLM_POA_IND_SW2: 'Y',
  CLM_LINE_NUM: '1', REV_CNTR: '0001', REV_CNTR_UNIT_CNT: '5', REV_CNTR_TOT_CHRG_AMT: '12000.00',
  ...overrides,
});

export const outpatientLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  DML_IND: 'INSERT', BENE_ID: '-10000010254618', CLM_ID: '-10000930000101', FINAL_ACTION: 'F', NCH_NEAR_LINE_REC_IDENT_CD: 'W',
  NCH_CLM_TYPE_CD: '40', CLM_FROM_DT: '02-FEB-2022', CLM_THRU_DT: '02-FEB-2022', PRVDR_NUM: '450001',
  CLM_FAC_TYPE_CD: '1', CLM_SRVC_CLSFCTN_TYPE_CD: '3', CLM_FREQ_CD: '1', CLM_PMT_AMT: '180.00', ORG_NPI_NUM: BILLING,
  AT_PHYSN_NPI: RENDERING, PTNT_DSCHRG_STUS_CD: '01', CLM_TOT_CHRG_AMT: '450.00',
  PRNCPAL_DGNS_CD: 'M5450', ICD_DGNS_CD1: 'M5450', ICD_DGNS_VRSN_CD1: '0', CLM_OP_PRVDR_PMT_AMT: '180.00',
  CLM_LINE_NUM: '1', REV_CNTR: '0320', REV_CNTR_DT: '02-FEB-2022', HCPCS_CD: '72100', REV_CNTR_UNIT_CNT: '1',
  REV_CNTR_PMT_AMT_AMT: '180.00', REV_CNTR_TOT_CHRG_AMT: '450.00', RNDRNG_PHYSN_NPI: RENDERING,
  ...overrides,
});

export const taxonomySlots = (slots: Array<[string, string]>): Record<string, string> =>
  Object.fromEntries(slots.flatMap(([code, primary], i) => [[`Healthcare Provider Taxonomy Code_${i + 1}`, code], [`Healthcare Provider Primary Taxonomy Switch_${i + 1}`, primary]]));

export const registryRow = (overrides: Record<string, string> = {}): Record<string, string> => ({
  NPI: BILLING, 'Entity Type Code': '1', 'Provider Last Name (Legal Name)': 'RIVERA', 'Provider First Name': 'ANA',
  'Provider First Line Business Practice Location Address': '100 MAIN ST', 'Provider Business Practice Location Address City Name': 'AUSTIN',
  'Provider Business Practice Location Address State Name': 'TX', 'Provider Business Practice Location Address Postal Code': '787011234',
  'Provider Business Practice Location Address Telephone Number': '5125550100', 'Provider Enumeration Date': '05/23/2005',
  'Last Update Date': '07/08/2007', 'NPI Deactivation Date': '', ...taxonomySlots([['207Q00000X', 'Y']]),
  'Other Provider Identifier_1': '0123456', 'Other Provider Identifier Type Code_1': '05', 'Other Provider Identifier State_1': 'TX',
  ...overrides,
});

/**
 * A payer's own extract, in no layout the platform ships: terse headers, US dates, and one NPI
 * column (`PRVDR_NPI`) that could be the billing or the rendering provider's, so the profiler
 * must ask about it.
 */
export const PAYER_EXTRACT_HEADERS = ['CLMNO', 'LN', 'MBR_NO', 'PRVDR_NPI', 'REND_PROV', 'DX1', 'PX_CD', 'DOS_FR', 'POS', 'QTY', 'CHG_AMT', 'PD_AMT'];
export const payerExtractLine = (n: number): Record<string, string> => ({
  CLMNO: `C${n}`, LN: '1', MBR_NO: `AB${10000 + n}C`, PRVDR_NPI: BILLING, REND_PROV: RENDERING, DX1: 'E11.9', PX_CD: '99213',
  DOS_FR: '03/02/2025', POS: '11', QTY: '1', CHG_AMT: '150.00', PD_AMT: '72.50',
});
/** Lines `from` .. `from + count - 1` of a payer extract, as CSV. */
export const payerExtract = (from: number, count: number) => delimited(PAYER_EXTRACT_HEADERS, Array.from({ length: count }, (_, i) => payerExtractLine(from + i)), ',');

/** The claim and first revenue line every CCW institutional file shares (SNF, HHA, hospice). */
const institutionalHead = (claimType: string, claimId: string, from: string, thru: string) => ({
  DML_IND: 'INSERT', BENE_ID: '-10000010254618', CLM_ID: claimId, FINAL_ACTION: 'F', NCH_CLM_TYPE_CD: claimType,
  CLM_FROM_DT: from, CLM_THRU_DT: thru, PRVDR_NUM: '455001', CLM_FREQ_CD: '1', ORG_NPI_NUM: BILLING, AT_PHYSN_NPI: RENDERING,
  PTNT_DSCHRG_STUS_CD: '01', CLM_TOT_CHRG_AMT: '3000.00', ICD_DGNS_VRSN_CD1: '0', CLM_LINE_NUM: '1', REV_CNTR_UNIT_CNT: '1',
  REV_CNTR_TOT_CHRG_AMT: '3000.00',
});

export const snfLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  ...institutionalHead('20', '-10000930000201', '01-APR-2021', '20-APR-2021'), CLM_FAC_TYPE_CD: '2', CLM_SRVC_CLSFCTN_TYPE_CD: '1',
  CLM_ADMSN_DT: '01-APR-2021', NCH_BENE_DSCHRG_DT: '20-APR-2021', NCH_QLFYD_STAY_FROM_DT: '25-MAR-2021', NCH_QLFYD_STAY_THRU_DT: '31-MAR-2021',
  CLM_IP_ADMSN_TYPE_CD: '3', CLM_SRC_IP_ADMSN_CD: '4', PRNCPAL_DGNS_CD: 'S72001D', ICD_DGNS_CD1: 'S72001D', REV_CNTR: '0022',
  HCPCS_CD: 'KAQD1', ...overrides,
});

export const hhaLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  ...institutionalHead('10', '-10000930000301', '01-MAR-2022', '30-MAR-2022'), CLM_FAC_TYPE_CD: '3', CLM_SRVC_CLSFCTN_TYPE_CD: '2',
  CLM_ADMSN_DT: '01-MAR-2022', CLM_HHA_LUPA_IND_CD: '', CLM_HHA_RFRL_CD: '1', CLM_HHA_TOT_VISIT_CNT: '9', PRNCPAL_DGNS_CD: 'I5022',
  ICD_DGNS_CD1: 'I5022', REV_CNTR: '0551', REV_CNTR_DT: '03-MAR-2022', HCPCS_CD: 'G0299', REV_CNTR_PMT_AMT_AMT: '150.00',
  REV_CNTR_TOT_CHRG_AMT: '200.00', ...overrides,
});

export const hospiceLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  ...institutionalHead('50', '-10000930000401', '01-MAY-2023', '31-MAY-2023'), CLM_FAC_TYPE_CD: '8', CLM_SRVC_CLSFCTN_TYPE_CD: '1',
  CLM_HOSPC_START_DT_ID: '01-MAY-2023', BENE_HOSPC_PRD_CNT: '1', CLM_UTLZTN_DAY_CNT: '31', PRNCPAL_DGNS_CD: 'C3490',
  ICD_DGNS_CD1: 'C3490', REV_CNTR: '0651', REV_CNTR_DT: '01-MAY-2023', HCPCS_CD: 'Q5001', REV_CNTR_UNIT_CNT: '31',
  REV_CNTR_PMT_AMT_AMT: '6000.00', REV_CNTR_TOT_CHRG_AMT: '6200.00', ...overrides,
});

export const dmeLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  DML_IND: 'INSERT', BENE_ID: '-10000010254618', CLM_ID: '-10000930000501', FINAL_ACTION: 'F', NCH_CLM_TYPE_CD: '82',
  CLM_FROM_DT: '05-JAN-2024', CLM_THRU_DT: '05-JAN-2024', ICD_DGNS_CD1: 'J449', ICD_DGNS_VRSN_CD1: '0', LINE_NUM: '1',
  LINE_SRVC_CNT: '1', LINE_PLACE_OF_SRVC_CD: '12', LINE_1ST_EXPNS_DT: '05-JAN-2024', LINE_LAST_EXPNS_DT: '05-JAN-2024', HCPCS_CD: 'E1390',
  HCPCS_1ST_MDFR_CD: 'RR', LINE_NCH_PMT_AMT: '120.00', LINE_SBMTD_CHRG_AMT: '250.00', LINE_ALOWD_CHRG_AMT: '150.00',
  LINE_COINSRNC_AMT: '30.00', LINE_DME_PRCHS_PRICE_AMT: '0', PRVDR_NUM: '1234567890', PRVDR_NPI: BILLING, DMERC_LINE_MTUS_CNT: '1',
  ...overrides,
});

export const pdeRow = (overrides: Record<string, string> = {}): Record<string, string> => ({
  DML_IND: 'INSERT', PDE_ID: '-10000000000101', FINAL_ACTION: 'F', BENE_ID: '-10000010254618', SRVC_DT: '12-JUL-2024', PD_DT: '15-JUL-2024',
  SRVC_PRVDR_ID_QLFYR_CD: '01', SRVC_PRVDR_ID: BILLING, PRSCRBR_ID_QLFYR_CD: '01', PRSCRBR_ID: RENDERING, RX_SRVC_RFRNC_NUM: '000000012345',
  PROD_SRVC_ID: '00002323330', QTY_DSPNSD_NUM: '30', DAYS_SUPLY_NUM: '30', FILL_NUM: '0', PTNT_PAY_AMT: '10.00',
  CVRD_D_PLAN_PD_AMT: '80.00', TOT_RX_CST_AMT: '90.00', ...overrides,
});

export const cclf1Row = (overrides: Record<string, string> = {}): Record<string, string> => ({
  CUR_CLM_UNIQ_ID: '1000000001', PRVDR_OSCAR_NUM: '450001', BENE_MBI_ID: '1EG4TE5MK73', CLM_TYPE_CD: '60', CLM_FROM_DT: '2024-02-01',
  CLM_THRU_DT: '2024-02-04', CLM_BILL_FAC_TYPE_CD: '1', CLM_BILL_CLSFCTN_CD: '1', CLM_BILL_FREQ_CD: '1', PRNCPL_DGNS_CD: 'J189',
  CLM_PMT_AMT: '8000.00', BENE_PTNT_STUS_CD: '01', DGNS_DRG_CD: '194', FAC_PRVDR_NPI_NUM: BILLING, ATNDG_PRVDR_NPI_NUM: RENDERING,
  CLM_ADMSN_TYPE_CD: '1', CLM_ADMSN_SRC_CD: '1', DGNS_PRCDR_ICD_IND: '0', CLM_MDCR_INSTNL_TOT_CHRG_AMT: '15000.00', ...overrides,
});

export const cclf2Line = (overrides: Record<string, string> = {}): Record<string, string> => ({
  CUR_CLM_UNIQ_ID: '1000000001', CLM_LINE_NUM: '1', BENE_MBI_ID: '1EG4TE5MK73', CLM_TYPE_CD: '40', CLM_LINE_FROM_DT: '2024-02-01',
  CLM_LINE_THRU_DT: '2024-02-01', CLM_LINE_PROD_REV_CTR_CD: '0450', CLM_LINE_INSTNL_REV_CTR_DT: '2024-02-01', CLM_LINE_HCPCS_CD: '99284',
  PRVDR_OSCAR_NUM: '450001', CLM_FROM_DT: '2024-02-01', CLM_THRU_DT: '2024-02-01', CLM_LINE_SRVC_UNIT_QTY: '1', CLM_LINE_CVRD_PD_AMT: '310.00',
  ...overrides,
});

export const cclf5Line = (overrides: Record<string, string> = {}): Record<string, string> => ({
  CUR_CLM_UNIQ_ID: '2000000001', CLM_LINE_NUM: '1', BENE_MBI_ID: '1EG4TE5MK73', CLM_TYPE_CD: '71', CLM_FROM_DT: '2024-03-05',
  CLM_THRU_DT: '2024-03-05', CLM_POS_CD: '11', CLM_LINE_FROM_DT: '2024-03-05', CLM_LINE_THRU_DT: '2024-03-05', CLM_LINE_HCPCS_CD: '99214',
  CLM_LINE_CVRD_PD_AMT: '95.00', RNDRG_PRVDR_NPI_NUM: RENDERING, CLM_LINE_ALOWD_CHRG_AMT: '120.00', CLM_LINE_SRVC_UNIT_QTY: '1',
  CLM_DGNS_1_CD: 'E119', DGNS_PRCDR_ICD_IND: '0', ...overrides,
});

export const cclf7Row = (overrides: Record<string, string> = {}): Record<string, string> => ({
  CUR_CLM_UNIQ_ID: '3000000001', BENE_MBI_ID: '1EG4TE5MK73', CLM_LINE_NDC_CD: '00002323330', CLM_TYPE_CD: '1', CLM_LINE_FROM_DT: '2024-04-10',
  PRVDR_SRVC_ID_QLFYR_CD: '01', CLM_SRVC_PRVDR_GNRC_ID_NUM: BILLING, CLM_LINE_SRVC_UNIT_QTY: '30', CLM_LINE_DAYS_SUPLY_QTY: '30',
  PRVDR_PRSBNG_ID_QLFYR_CD: '01', CLM_PRSBNG_PRVDR_GNRC_ID_NUM: RENDERING, CLM_LINE_BENE_PMT_AMT: '5.00',
  CLM_LINE_RX_SRVC_RFRNC_NUM: '000000054321', CLM_LINE_RX_FILL_NUM: '1', ...overrides,
});

/**
 * A DE-SynPUF carrier claim: claim fields, then up to thirteen lines side by side, each line's
 * fields given as [performing NPI, HCPCS, allowed, paid]; YYYYMMDD dates, ICD-9-CM diagnoses.
 */
export const synpufClaim = (claim: Record<string, string>, lines: Array<[string, string, string, string]>): Record<string, string> => ({
  DESYNPUF_ID: '00013D2EFD8E45D1', CLM_ID: '887733370393390', CLM_FROM_DT: '20090511', CLM_THRU_DT: '20090511',
  ICD9_DGNS_CD_1: '4019', ICD9_DGNS_CD_2: '25000',
  ...Object.fromEntries(
    lines.flatMap(([npiValue, hcpcs, allowed, paid], i) => [
      [`PRF_PHYSN_NPI_${i + 1}`, npiValue], [`HCPCS_CD_${i + 1}`, hcpcs], [`LINE_ALOWD_CHRG_AMT_${i + 1}`, allowed], [`LINE_NCH_PMT_AMT_${i + 1}`, paid],
    ]),
  ),
  ...claim,
});

/** A CCLF6 Part B DME line: the supplier is the pay-to provider, the ordering NPI apart; ISO dates, no diagnosis. */
export const cclf6Line = (overrides: Record<string, string> = {}): Record<string, string> => ({
  CUR_CLM_UNIQ_ID: '4000000001', CLM_LINE_NUM: '1', BENE_MBI_ID: '1EG4TE5MK73', CLM_TYPE_CD: '82', CLM_FROM_DT: '2024-03-01', CLM_THRU_DT: '2024-03-01',
  CLM_FED_TYPE_SRVC_CD: 'P', CLM_POS_CD: '12', CLM_LINE_FROM_DT: '2024-03-01', CLM_LINE_THRU_DT: '2024-03-01', CLM_LINE_HCPCS_CD: 'E0601',
  CLM_LINE_CVRD_PD_AMT: '55.20', PAYTO_PRVDR_NPI_NUM: BILLING, ORDRG_PRVDR_NPI_NUM: RENDERING, CLM_LINE_ALOWD_CHRG_AMT: '69.00', ...overrides,
});

/** A CCLF8 beneficiary: ISO dates, ZIP in two fields (5 + 4). */
export const cclf8Row = (overrides: Record<string, string> = {}): Record<string, string> => ({
  BENE_MBI_ID: '1EG4TE5MK73', BENE_FIPS_STATE_CD: '24', BENE_FIPS_CNTY_CD: '510', BENE_ZIP_CD: '212011234', BENE_DOB: '1950-04-12', BENE_SEX_CD: '2',
  BENE_RACE_CD: '1', BENE_AGE: '74', BENE_MDCR_STUS_CD: '10', BENE_DUAL_STUS_CD: 'NA', BENE_1ST_NAME: 'JANE', BENE_LAST_NAME: 'DOE',
  BENE_ORGNL_ENTLMT_RSN_CD: '0', BENE_PART_A_ENRLMT_BGN_DT: '2015-04-01', BENE_PART_B_ENRLMT_BGN_DT: '2015-04-01', BENE_LINE_1_ADR: '100 MAIN ST',
  GEO_ZIP_PLC_NAME: 'BALTIMORE', GEO_USPS_STATE_CD: 'MD', GEO_ZIP5_CD: '21201', GEO_ZIP4_CD: '1234', ...overrides,
});

/** A DE-SynPUF inpatient claim segment: YYYYMMDD dates, ICD-9-CM diagnoses and procedures, paid as a whole. */
export const synpufInpatientClaim = (overrides: Record<string, string> = {}): Record<string, string> => ({
  DESYNPUF_ID: '00013D2EFD8E45D1', CLM_ID: '196661176988405', SEGMENT: '1', CLM_FROM_DT: '20100312', CLM_THRU_DT: '20100313', PRVDR_NUM: '2600GD',
  CLM_PMT_AMT: '4000.00', NCH_PRMRY_PYR_CLM_PD_AMT: '0', AT_PHYSN_NPI: RENDERING, CLM_ADMSN_DT: '20100312', ADMTNG_ICD9_DGNS_CD: '7866',
  NCH_BENE_IP_DDCTBL_AMT: '1100.00', NCH_BENE_PTA_COINSRNC_LBLTY_AM: '0', CLM_UTLZTN_DAY_CNT: '1', NCH_BENE_DSCHRG_DT: '20100313', CLM_DRG_CD: '217',
  ICD9_DGNS_CD_1: '4580', ICD9_DGNS_CD_2: '25000', ICD9_DGNS_CD_3: 'V5869', ICD9_PRCDR_CD_1: '7769', ...overrides,
});

/** A DE-SynPUF outpatient claim: claim fields, its payment, then up to 45 HCPCS codes side by side. */
export const synpufOutpatientClaim = (claim: Record<string, string>, hcpcs: readonly string[]): Record<string, string> => ({
  DESYNPUF_ID: '00013D2EFD8E45D1', CLM_ID: '542192281063886', SEGMENT: '1', CLM_FROM_DT: '20080904', CLM_THRU_DT: '20080904', PRVDR_NUM: '2600PA',
  CLM_PMT_AMT: '50.00', NCH_PRMRY_PYR_CLM_PD_AMT: '0', AT_PHYSN_NPI: RENDERING, ICD9_DGNS_CD_1: '7137', ICD9_DGNS_CD_2: 'E8497',
  NCH_BENE_PTB_DDCTBL_AMT: '0', NCH_BENE_PTB_COINSRNC_AMT: '10.00',
  ...Object.fromEntries(hcpcs.map((code, i) => [`HCPCS_CD_${i + 1}`, code])),
  ...claim,
});

/** A DE-SynPUF drug event: no pharmacy or prescriber, an 11-digit NDC, YYYYMMDD dates. */
export const synpufPdeRow = (overrides: Record<string, string> = {}): Record<string, string> => ({
  DESYNPUF_ID: '00013D2EFD8E45D1', PDE_ID: '233004438012381', SRVC_DT: '20080512', PROD_SRVC_ID: '00002323330', QTY_DSPNSD_NUM: '30',
  DAYS_SUPLY_NUM: '30', PTNT_PAY_AMT: '10.00', TOT_RX_CST_AMT: '120.00', ...overrides,
});

/** Lines of a Tuva input-layer `medical_claim` file, built from its data dictionary's columns. */
export const tuvaProfessionalLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  claim_id: 'P1', claim_line_number: '1', claim_type: 'professional', person_id: 'A1', member_id: 'AB12345C', payer: 'medicaid',
  claim_start_date: '2024-03-01', claim_end_date: '2024-03-01', claim_line_start_date: '2024-03-01', claim_line_end_date: '2024-03-01',
  place_of_service_code: '11', hcpcs_code: '99213', service_unit_quantity: '1', rendering_npi: RENDERING, billing_npi: BILLING,
  paid_amount: '70.00', charge_amount: '150.00', diagnosis_code_type: 'icd-10-cm', diagnosis_code_1: 'E11.9', ...overrides,
});
export const tuvaInstitutionalLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  claim_id: 'I1', claim_line_number: '1', claim_type: 'institutional', person_id: 'A1', member_id: 'AB12345C', payer: 'medicaid',
  claim_start_date: '2019-06-10', claim_end_date: '2019-06-15', admission_date: '2019-06-10', discharge_date: '2019-06-15',
  admit_source_code: '1', admit_type_code: '1', discharge_disposition_code: '01', bill_type_code: '111', ms_drg_code: '177',
  revenue_center_code: '0120', service_unit_quantity: '5', billing_npi: BILLING, rendering_npi: RENDERING, paid_amount: '9000.00',
  charge_amount: '12000.00', diagnosis_code_type: 'icd-10-cm', diagnosis_code_1: 'J18.9', ...overrides,
});

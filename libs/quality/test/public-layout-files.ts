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

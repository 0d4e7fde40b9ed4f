/**
 * Header rows as the published layouts define them, written out here independently of the
 * shipped descriptors so that recognition is tested against the documentation, not against
 * itself. Numbered repeats are spelled out in the documented order.
 */
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** CCW RIF carrier claim + line fields, in the order of CMS's synthetic carrier file. */
export const CCW_CARRIER_HEADERS: readonly string[] = [
  'BENE_ID', 'CLM_ID', 'NCH_NEAR_LINE_REC_IDENT_CD', 'NCH_CLM_TYPE_CD', 'CLM_FROM_DT', 'CLM_THRU_DT', 'NCH_WKLY_PROC_DT',
  'CARR_CLM_ENTRY_CD', 'CLM_DISP_CD', 'CARR_NUM', 'CARR_CLM_PMT_DNL_CD', 'CLM_PMT_AMT', 'CARR_CLM_PRMRY_PYR_PD_AMT',
  'RFR_PHYSN_UPIN', 'RFR_PHYSN_NPI', 'CARR_CLM_PRVDR_ASGNMT_IND_SW', 'NCH_CLM_PRVDR_PMT_AMT', 'NCH_CLM_BENE_PMT_AMT',
  'NCH_CARR_CLM_SBMTD_CHRG_AMT', 'NCH_CARR_CLM_ALOWD_AMT', 'CARR_CLM_CASH_DDCTBL_APLD_AMT', 'CARR_CLM_HCPCS_YR_CD',
  'CARR_CLM_RFRNG_PIN_NUM', 'PRNCPAL_DGNS_CD', 'PRNCPAL_DGNS_VRSN_CD',
  ...range(1, 12).flatMap((n) => [`ICD_DGNS_CD${n}`, `ICD_DGNS_VRSN_CD${n}`]),
  'CLM_CLNCL_TRIL_NUM', 'CARR_CLM_BLG_NPI_NUM', 'LINE_NUM', 'CARR_PRFRNG_PIN_NUM', 'PRF_PHYSN_UPIN', 'PRF_PHYSN_NPI', 'ORG_NPI_NUM',
  'CARR_LINE_PRVDR_TYPE_CD', 'TAX_NUM', 'PRVDR_STATE_CD', 'PRVDR_ZIP', 'PRVDR_SPCLTY', 'PRTCPTNG_IND_CD', 'CARR_LINE_RDCD_PMT_PHYS_ASTN_C',
  'LINE_SRVC_CNT', 'LINE_CMS_TYPE_SRVC_CD', 'LINE_PLACE_OF_SRVC_CD', 'CARR_LINE_PRCNG_LCLTY_CD', 'LINE_1ST_EXPNS_DT', 'LINE_LAST_EXPNS_DT',
  'HCPCS_CD', 'HCPCS_1ST_MDFR_CD', 'HCPCS_2ND_MDFR_CD', 'BETOS_CD', 'LINE_NCH_PMT_AMT', 'LINE_BENE_PMT_AMT', 'LINE_PRVDR_PMT_AMT',
  'LINE_BENE_PTB_DDCTBL_AMT', 'LINE_BENE_PRMRY_PYR_CD', 'LINE_BENE_PRMRY_PYR_PD_AMT', 'LINE_COINSRNC_AMT', 'LINE_SBMTD_CHRG_AMT',
  'LINE_ALOWD_CHRG_AMT', 'LINE_PRCSG_IND_CD', 'LINE_PMT_80_100_CD', 'LINE_SERVICE_DEDUCTIBLE', 'CARR_LINE_MTUS_CNT', 'CARR_LINE_MTUS_CD',
  'LINE_ICD_DGNS_CD', 'LINE_ICD_DGNS_VRSN_CD', 'HPSA_SCRCTY_IND_CD', 'CARR_LINE_RX_NUM', 'LINE_HCT_HGB_RSLT_NUM', 'LINE_HCT_HGB_TYPE_CD',
  'LINE_NDC_CD', 'CARR_LINE_CLIA_LAB_NUM', 'CARR_LINE_ANSTHSA_UNIT_CNT',
];

const INSTITUTIONAL_CLAIM_HEAD = [
  'DML_IND', 'BENE_ID', 'CLM_ID', 'CLM_GRP_ID', 'FINAL_ACTION', 'NCH_NEAR_LINE_REC_IDENT_CD', 'NCH_CLM_TYPE_CD', 'CLM_FROM_DT',
  'CLM_THRU_DT', 'NCH_WKLY_PROC_DT', 'FI_CLM_PROC_DT', 'CLAIM_QUERY_CODE', 'PRVDR_NUM', 'CLM_FAC_TYPE_CD', 'CLM_SRVC_CLSFCTN_TYPE_CD',
  'CLM_FREQ_CD', 'FI_NUM', 'CLM_MDCR_NON_PMT_RSN_CD', 'CLM_PMT_AMT', 'NCH_PRMRY_PYR_CLM_PD_AMT', 'NCH_PRMRY_PYR_CD',
];
const ATTENDING_TO_STATUS = [
  'PRVDR_STATE_CD', 'ORG_NPI_NUM', 'AT_PHYSN_UPIN', 'AT_PHYSN_NPI', 'OP_PHYSN_UPIN', 'OP_PHYSN_NPI', 'OT_PHYSN_UPIN', 'OT_PHYSN_NPI',
  'CLM_MCO_PD_SW', 'PTNT_DSCHRG_STUS_CD',
];
const procedures = range(1, 25).flatMap((n) => [`ICD_PRCDR_CD${n}`, `ICD_PRCDR_VRSN_CD${n}`, `PRCDR_DT${n}`]);

/** CCW RIF outpatient claim + revenue center fields (the Blue Button 2 RIF layout). */
export const CCW_OUTPATIENT_HEADERS: readonly string[] = [
  ...INSTITUTIONAL_CLAIM_HEAD, ...ATTENDING_TO_STATUS, 'CLM_TOT_CHRG_AMT', 'NCH_BENE_BLOOD_DDCTBL_LBLTY_AM', 'NCH_PROFNL_CMPNT_CHRG_AMT',
  'PRNCPAL_DGNS_CD', 'PRNCPAL_DGNS_VRSN_CD', ...range(1, 25).flatMap((n) => [`ICD_DGNS_CD${n}`, `ICD_DGNS_VRSN_CD${n}`]),
  'FST_DGNS_E_CD', 'FST_DGNS_E_VRSN_CD', ...range(1, 12).flatMap((n) => [`ICD_DGNS_E_CD${n}`, `ICD_DGNS_E_VRSN_CD${n}`]),
  ...procedures, ...range(1, 3).flatMap((n) => [`RSN_VISIT_CD${n}`, `RSN_VISIT_VRSN_CD${n}`]),
  'NCH_BENE_PTB_DDCTBL_AMT', 'NCH_BENE_PTB_COINSRNC_AMT', 'CLM_OP_PRVDR_PMT_AMT', 'CLM_OP_BENE_PMT_AMT', 'CLM_LINE_NUM', 'REV_CNTR',
  'REV_CNTR_DT', 'REV_CNTR_1ST_ANSI_CD', 'REV_CNTR_2ND_ANSI_CD', 'REV_CNTR_3RD_ANSI_CD', 'REV_CNTR_4TH_ANSI_CD', 'REV_CNTR_APC_HIPPS_CD',
  'HCPCS_CD', 'HCPCS_1ST_MDFR_CD', 'HCPCS_2ND_MDFR_CD', 'REV_CNTR_PMT_MTHD_IND_CD', 'REV_CNTR_DSCNT_IND_CD', 'REV_CNTR_PACKG_IND_CD',
  'REV_CNTR_OTAF_PMT_CD', 'REV_CNTR_IDE_NDC_UPC_NUM', 'REV_CNTR_UNIT_CNT', 'REV_CNTR_RATE_AMT', 'REV_CNTR_BLOOD_DDCTBL_AMT',
  'REV_CNTR_CASH_DDCTBL_AMT', 'REV_CNTR_COINSRNC_WGE_ADJSTD_C', 'REV_CNTR_RDCD_COINSRNC_AMT', 'REV_CNTR_1ST_MSP_PD_AMT',
  'REV_CNTR_2ND_MSP_PD_AMT', 'REV_CNTR_PRVDR_PMT_AMT', 'REV_CNTR_BENE_PMT_AMT', 'REV_CNTR_PTNT_RSPNSBLTY_PMT', 'REV_CNTR_PMT_AMT_AMT',
  'REV_CNTR_TOT_CHRG_AMT', 'REV_CNTR_NCVRD_CHRG_AMT', 'REV_CNTR_STUS_IND_CD', 'REV_CNTR_NDC_QTY', 'REV_CNTR_NDC_QTY_QLFR_CD',
  'RNDRNG_PHYSN_UPIN', 'RNDRNG_PHYSN_NPI',
];

/** CCW RIF inpatient claim + revenue center fields (the Blue Button 2 RIF layout). */
export const CCW_INPATIENT_HEADERS: readonly string[] = [
  ...INSTITUTIONAL_CLAIM_HEAD, 'FI_CLM_ACTN_CD', ...ATTENDING_TO_STATUS, 'CLM_PPS_IND_CD', 'CLM_TOT_CHRG_AMT',
  'CLM_ADMSN_DT', 'CLM_IP_ADMSN_TYPE_CD', 'CLM_SRC_IP_ADMSN_CD', 'NCH_PTNT_STATUS_IND_CD', 'CLM_PASS_THRU_PER_DIEM_AMT',
  'NCH_BENE_IP_DDCTBL_AMT', 'NCH_BENE_PTA_COINSRNC_LBLTY_AM', 'NCH_BENE_BLOOD_DDCTBL_LBLTY_AM', 'NCH_PROFNL_CMPNT_CHRG_AMT',
  'NCH_IP_NCVRD_CHRG_AMT', 'NCH_IP_TOT_DDCTN_AMT', 'CLM_TOT_PPS_CPTL_AMT', 'CLM_PPS_CPTL_FSP_AMT', 'CLM_PPS_CPTL_OUTLIER_AMT',
  'CLM_PPS_CPTL_DSPRPRTNT_SHR_AMT', 'CLM_PPS_CPTL_IME_AMT', 'CLM_PPS_CPTL_EXCPTN_AMT', 'CLM_PPS_OLD_CPTL_HLD_HRMLS_AMT',
  'CLM_PPS_CPTL_DRG_WT_NUM', 'CLM_UTLZTN_DAY_CNT', 'BENE_TOT_COINSRNC_DAYS_CNT', 'BENE_LRD_USED_CNT', 'CLM_NON_UTLZTN_DAYS_CNT',
  'NCH_BLOOD_PNTS_FRNSHD_QTY', 'NCH_VRFD_NCVRD_STAY_FROM_DT', 'NCH_VRFD_NCVRD_STAY_THRU_DT', 'NCH_ACTV_OR_CVRD_LVL_CARE_THRU',
  'NCH_BENE_MDCR_BNFTS_EXHTD_DT_I', 'NCH_BENE_DSCHRG_DT', 'CLM_DRG_CD', 'CLM_DRG_OUTLIER_STAY_CD', 'NCH_DRG_OUTLIER_APRVD_PMT_AMT',
  'ADMTG_DGNS_CD', 'ADMTG_DGNS_VRSN_CD', 'PRNCPAL_DGNS_CD', 'PRNCPAL_DGNS_VRSN_CD',
  ...range(1, 25).flatMap((n) => [`ICD_DGNS_CD${n}`, `ICD_DGNS_VRSN_CD${n}`, `CLM_POA_IND_SW${n}`]),
  'FST_DGNS_E_CD', 'FST_DGNS_E_VRSN_CD', ...range(1, 12).flatMap((n) => [`ICD_DGNS_E_CD${n}`, `ICD_DGNS_E_VRSN_CD${n}`, `CLM_E_POA_IND_SW${n}`]),
  ...procedures, 'IME_OP_CLM_VAL_AMT', 'DSH_OP_CLM_VAL_AMT', 'CLM_LINE_NUM', 'REV_CNTR', 'HCPCS_CD', 'REV_CNTR_UNIT_CNT',
  'REV_CNTR_RATE_AMT', 'REV_CNTR_TOT_CHRG_AMT', 'REV_CNTR_NCVRD_CHRG_AMT', 'REV_CNTR_DDCTBL_COINSRNC_CD', 'REV_CNTR_NDC_QTY',
  'REV_CNTR_NDC_QTY_QLFR_CD', 'RNDRNG_PHYSN_UPIN', 'RNDRNG_PHYSN_NPI',
];

/** The NPPES npidata_pfile header (Data Dissemination readme), 330 columns. */
export const NPPES_HEADERS: readonly string[] = [
  'NPI', 'Entity Type Code', 'Replacement NPI', 'Employer Identification Number (EIN)', 'Provider Organization Name (Legal Business Name)',
  'Provider Last Name (Legal Name)', 'Provider First Name', 'Provider Middle Name', 'Provider Name Prefix Text', 'Provider Name Suffix Text',
  'Provider Credential Text', 'Provider Other Organization Name', 'Provider Other Organization Name Type Code', 'Provider Other Last Name',
  'Provider Other First Name', 'Provider Other Middle Name', 'Provider Other Name Prefix Text', 'Provider Other Name Suffix Text',
  'Provider Other Credential Text', 'Provider Other Last Name Type Code', 'Provider First Line Business Mailing Address',
  'Provider Second Line Business Mailing Address', 'Provider Business Mailing Address City Name', 'Provider Business Mailing Address State Name',
  'Provider Business Mailing Address Postal Code', 'Provider Business Mailing Address Country Code (If outside U.S.)',
  'Provider Business Mailing Address Telephone Number', 'Provider Business Mailing Address Fax Number',
  'Provider First Line Business Practice Location Address', 'Provider Second Line Business Practice Location Address',
  'Provider Business Practice Location Address City Name', 'Provider Business Practice Location Address State Name',
  'Provider Business Practice Location Address Postal Code', 'Provider Business Practice Location Address Country Code (If outside U.S.)',
  'Provider Business Practice Location Address Telephone Number', 'Provider Business Practice Location Address Fax Number',
  'Provider Enumeration Date', 'Last Update Date', 'NPI Deactivation Reason Code', 'NPI Deactivation Date', 'NPI Reactivation Date',
  'Provider Sex Code', 'Authorized Official Last Name', 'Authorized Official First Name', 'Authorized Official Middle Name',
  'Authorized Official Title or Position', 'Authorized Official Telephone Number',
  ...range(1, 15).flatMap((n) => [`Healthcare Provider Taxonomy Code_${n}`, `Provider License Number_${n}`, `Provider License Number State Code_${n}`, `Healthcare Provider Primary Taxonomy Switch_${n}`]),
  ...range(1, 50).flatMap((n) => [`Other Provider Identifier_${n}`, `Other Provider Identifier Type Code_${n}`, `Other Provider Identifier State_${n}`, `Other Provider Identifier Issuer_${n}`]),
  'Is Sole Proprietor', 'Is Organization Subpart', 'Parent Organization LBN', 'Parent Organization TIN', 'Authorized Official Name Prefix Text',
  'Authorized Official Name Suffix Text', 'Authorized Official Credential Text',
  ...range(1, 15).map((n) => `Healthcare Provider Taxonomy Group_${n}`),
  'Certification Date',
];

/**
 * CMS 2008-2010 Data Entrepreneurs' Synthetic Public Use File (DE-SynPUF), carrier claims: one row
 * per claim with up to 13 lines side by side, YYYYMMDD dates, ICD-9-CM diagnoses (the DE-SynPUF
 * codebook, "Carrier Claims" file).
 */
export const DE_SYNPUF_CARRIER_HEADERS: readonly string[] = [
  'DESYNPUF_ID', 'CLM_ID', 'CLM_FROM_DT', 'CLM_THRU_DT', ...range(1, 8).map((n) => `ICD9_DGNS_CD_${n}`),
  ...range(1, 13).map((n) => `PRF_PHYSN_NPI_${n}`), ...range(1, 13).map((n) => `TAX_NUM_${n}`), ...range(1, 13).map((n) => `HCPCS_CD_${n}`),
  ...range(1, 13).map((n) => `LINE_NCH_PMT_AMT_${n}`), ...range(1, 13).map((n) => `LINE_BENE_PTB_DDCTBL_AMT_${n}`),
  ...range(1, 13).map((n) => `LINE_BENE_PRMRY_PYR_PD_AMT_${n}`), ...range(1, 13).map((n) => `LINE_COINSRNC_AMT_${n}`),
  ...range(1, 13).map((n) => `LINE_ALOWD_CHRG_AMT_${n}`), ...range(1, 13).map((n) => `LINE_PRCSG_IND_CD_${n}`),
  ...range(1, 13).map((n) => `LINE_ICD9_DGNS_CD_${n}`),
];

/** Synthea's CSV export, `claims.csv` (the Synthea wiki, "CSV File Data Dictionary"): diagnoses are SNOMED CT codes. */
export const SYNTHEA_CLAIMS_HEADERS: readonly string[] = [
  'Id', 'PATIENTID', 'PROVIDERID', 'PRIMARYPATIENTINSURANCEID', 'SECONDARYPATIENTINSURANCEID', 'DEPARTMENTID', 'PATIENTDEPARTMENTID',
  ...range(1, 8).map((n) => `DIAGNOSIS${n}`), 'REFERRINGPROVIDERID', 'APPOINTMENTID', 'CURRENTILLNESSDATE', 'SERVICEDATE',
  'SUPERVISINGPROVIDERID', 'STATUS1', 'STATUS2', 'STATUSP', 'OUTSTANDING1', 'OUTSTANDING2', 'OUTSTANDINGP', 'LASTBILLEDDATE1',
  'LASTBILLEDDATE2', 'LASTBILLEDDATEP', 'HEALTHCARECLAIMTYPEID1', 'HEALTHCARECLAIMTYPEID2',
];

/** CCLF file 2, Part A revenue center lines (CCLF Information Packet): the lines of the claims CCLF1 heads. */
export const CCLF2_PART_A_REVENUE_HEADERS: readonly string[] = [
  'CUR_CLM_UNIQ_ID', 'CLM_LINE_NUM', 'BENE_MBI_ID', 'BENE_HIC_NUM', 'CLM_TYPE_CD', 'CLM_LINE_FROM_DT', 'CLM_LINE_THRU_DT',
  'CLM_LINE_PROD_REV_CTR_CD', 'CLM_LINE_INSTNL_REV_CTR_DT', 'CLM_LINE_HCPCS_CD', 'BENE_EQTBL_BIC_HICN_NUM', 'PRVDR_OSCAR_NUM',
  'CLM_FROM_DT', 'CLM_THRU_DT', 'CLM_LINE_SRVC_UNIT_QTY', 'CLM_LINE_CVRD_PD_AMT', ...range(1, 5).map((n) => `HCPCS_${n}_MDFR_CD`),
  'CLM_REV_APC_HIPPS_CD',
];

/** CMS Claim and Claim Line Feed (CCLF) file 5, Part B physician lines (CCLF Information Packet). */
export const CCLF5_PART_B_PHYSICIAN_HEADERS: readonly string[] = [
  'CUR_CLM_UNIQ_ID', 'CLM_LINE_NUM', 'BENE_MBI_ID', 'BENE_HIC_NUM', 'CLM_TYPE_CD', 'CLM_FROM_DT', 'CLM_THRU_DT', 'RNDRG_PRVDR_TYPE_CD',
  'RNDRG_PRVDR_FIPS_ST_CD', 'CLM_PRVDR_SPCLTY_CD', 'CLM_FED_TYPE_SRVC_CD', 'CLM_POS_CD', 'CLM_LINE_FROM_DT', 'CLM_LINE_THRU_DT',
  'CLM_LINE_HCPCS_CD', 'CLM_LINE_CVRD_PD_AMT', 'CLM_LINE_PRMRY_PYR_CD', 'CLM_LINE_DGNS_CD', 'CLM_RNDRG_PRVDR_TAX_NUM', 'RNDRG_PRVDR_NPI_NUM',
  'CLM_CARR_PMT_DNL_CD', 'CLM_PRCSG_IND_CD', 'CLM_ADJSMT_TYPE_CD', 'CLM_EFCTV_DT', 'CLM_IDR_LD_DT', 'CLM_CNTL_NUM', 'BENE_EQTBL_BIC_HICN_NUM',
  'CLM_LINE_ALOWD_CHRG_AMT', 'CLM_LINE_SRVC_UNIT_QTY', ...range(1, 5).map((n) => `HCPCS_${n}_MDFR_CD`), 'CLM_DISP_CD',
  ...range(1, 8).map((n) => `CLM_DGNS_${n}_CD`), 'DGNS_PRCDR_ICD_IND', ...range(9, 12).map((n) => `CLM_DGNS_${n}_CD`), 'HCPCS_BETOS_CD',
];

/** CCLF file 7, Part D prescription drug events (CCLF Information Packet). */
export const CCLF7_PART_D_HEADERS: readonly string[] = [
  'CUR_CLM_UNIQ_ID', 'BENE_MBI_ID', 'BENE_HIC_NUM', 'CLM_LINE_NDC_CD', 'CLM_TYPE_CD', 'CLM_LINE_FROM_DT', 'PRVDR_SRVC_ID_QLFYR_CD',
  'CLM_SRVC_PRVDR_GNRC_ID_NUM', 'CLM_DSPNSNG_STUS_CD', 'CLM_DAW_PROD_SLCTN_CD', 'CLM_LINE_SRVC_UNIT_QTY', 'CLM_LINE_DAYS_SUPLY_QTY',
  'PRVDR_PRSBNG_ID_QLFYR_CD', 'CLM_PRSBNG_PRVDR_GNRC_ID_NUM', 'CLM_LINE_BENE_PMT_AMT', 'CLM_ADJSMT_TYPE_CD', 'CLM_EFCTV_DT', 'CLM_IDR_LD_DT',
  'CLM_LINE_RX_SRVC_RFRNC_NUM', 'CLM_LINE_RX_FILL_NUM', 'CLM_PHRMCY_SRVC_TYPE_CD',
];

/** The Tuva Project input layer, `medical_claim` (its data dictionary), the fields a professional line fills. */
export const TUVA_MEDICAL_CLAIM_HEADERS: readonly string[] = [
  'claim_id', 'claim_line_number', 'claim_type', 'person_id', 'member_id', 'payer', 'plan', 'claim_start_date', 'claim_end_date',
  'claim_line_start_date', 'claim_line_end_date', 'admission_date', 'discharge_date', 'admit_source_code', 'admit_type_code',
  'discharge_disposition_code', 'place_of_service_code', 'bill_type_code', 'ms_drg_code', 'apr_drg_code', 'revenue_center_code',
  'service_unit_quantity', 'hcpcs_code', ...range(1, 5).map((n) => `hcpcs_modifier_${n}`), 'rendering_npi', 'rendering_tin', 'billing_npi',
  'billing_tin', 'facility_npi', 'paid_date', 'paid_amount', 'allowed_amount', 'charge_amount', 'coinsurance_amount', 'copayment_amount',
  'deductible_amount', 'total_cost_amount', 'diagnosis_code_type', ...range(1, 25).map((n) => `diagnosis_code_${n}`),
  ...range(1, 25).map((n) => `diagnosis_poa_${n}`), 'procedure_code_type', ...range(1, 25).map((n) => `procedure_code_${n}`),
  ...range(1, 25).map((n) => `procedure_date_${n}`), 'in_network_flag', 'data_source', 'file_name', 'ingest_datetime',
];

const diagnoses = (count: number) => range(1, count).flatMap((n) => [`ICD_DGNS_CD${n}`, `ICD_DGNS_VRSN_CD${n}`]);
const externalCauses = ['FST_DGNS_E_CD', 'FST_DGNS_E_VRSN_CD', ...range(1, 12).flatMap((n) => [`ICD_DGNS_E_CD${n}`, `ICD_DGNS_E_VRSN_CD${n}`])];

/** CCW RIF skilled nursing facility claim + revenue center fields (the Blue Button 2 RIF layout). */
export const CCW_SNF_HEADERS: readonly string[] = [
  ...INSTITUTIONAL_CLAIM_HEAD, 'FI_CLM_ACTN_CD', ...ATTENDING_TO_STATUS, 'CLM_PPS_IND_CD', 'CLM_TOT_CHRG_AMT', 'CLM_ADMSN_DT',
  'CLM_IP_ADMSN_TYPE_CD', 'CLM_SRC_IP_ADMSN_CD', 'NCH_PTNT_STATUS_IND_CD', 'NCH_BENE_IP_DDCTBL_AMT', 'NCH_BENE_PTA_COINSRNC_LBLTY_AM',
  'NCH_BENE_BLOOD_DDCTBL_LBLTY_AM', 'NCH_IP_NCVRD_CHRG_AMT', 'NCH_IP_TOT_DDCTN_AMT', 'CLM_PPS_CPTL_FSP_AMT', 'CLM_PPS_CPTL_OUTLIER_AMT',
  'CLM_PPS_CPTL_DSPRPRTNT_SHR_AMT', 'CLM_PPS_CPTL_IME_AMT', 'CLM_PPS_CPTL_EXCPTN_AMT', 'CLM_PPS_OLD_CPTL_HLD_HRMLS_AMT',
  'CLM_UTLZTN_DAY_CNT', 'BENE_TOT_COINSRNC_DAYS_CNT', 'CLM_NON_UTLZTN_DAYS_CNT', 'NCH_BLOOD_PNTS_FRNSHD_QTY', 'NCH_QLFYD_STAY_FROM_DT',
  'NCH_QLFYD_STAY_THRU_DT', 'NCH_VRFD_NCVRD_STAY_FROM_DT', 'NCH_VRFD_NCVRD_STAY_THRU_DT', 'NCH_ACTV_OR_CVRD_LVL_CARE_THRU',
  'NCH_BENE_MDCR_BNFTS_EXHTD_DT_I', 'NCH_BENE_DSCHRG_DT', 'CLM_DRG_CD', 'ADMTG_DGNS_CD', 'ADMTG_DGNS_VRSN_CD', 'PRNCPAL_DGNS_CD',
  'PRNCPAL_DGNS_VRSN_CD', ...diagnoses(25), ...externalCauses, ...procedures, 'CLM_LINE_NUM', 'REV_CNTR', 'HCPCS_CD', 'REV_CNTR_UNIT_CNT',
  'REV_CNTR_RATE_AMT', 'REV_CNTR_TOT_CHRG_AMT', 'REV_CNTR_NCVRD_CHRG_AMT', 'REV_CNTR_DDCTBL_COINSRNC_CD', 'REV_CNTR_NDC_QTY',
  'REV_CNTR_NDC_QTY_QLFR_CD', 'RNDRNG_PHYSN_UPIN', 'RNDRNG_PHYSN_NPI',
];

const HOME_CARE_CLAIM_HEAD = [
  'DML_IND', 'BENE_ID', 'CLM_ID', 'CLM_GRP_ID', 'FINAL_ACTION', 'NCH_NEAR_LINE_REC_IDENT_CD', 'NCH_CLM_TYPE_CD', 'CLM_FROM_DT',
  'CLM_THRU_DT', 'NCH_WKLY_PROC_DT', 'FI_CLM_PROC_DT', 'PRVDR_NUM', 'CLM_FAC_TYPE_CD', 'CLM_SRVC_CLSFCTN_TYPE_CD', 'CLM_FREQ_CD',
  'FI_NUM', 'CLM_MDCR_NON_PMT_RSN_CD', 'CLM_PMT_AMT', 'NCH_PRMRY_PYR_CLM_PD_AMT', 'NCH_PRMRY_PYR_CD', 'PRVDR_STATE_CD', 'ORG_NPI_NUM',
  'AT_PHYSN_UPIN', 'AT_PHYSN_NPI', 'PTNT_DSCHRG_STUS_CD',
];

/** CCW RIF home health agency claim + revenue center fields (the Blue Button 2 RIF layout). */
export const CCW_HHA_HEADERS: readonly string[] = [
  ...HOME_CARE_CLAIM_HEAD, 'CLM_PPS_IND_CD', 'CLM_TOT_CHRG_AMT', 'PRNCPAL_DGNS_CD', 'PRNCPAL_DGNS_VRSN_CD', ...diagnoses(25),
  ...externalCauses, 'CLM_HHA_LUPA_IND_CD', 'CLM_HHA_RFRL_CD', 'CLM_HHA_TOT_VISIT_CNT', 'CLM_ADMSN_DT', 'CLM_LINE_NUM', 'REV_CNTR',
  'REV_CNTR_DT', 'REV_CNTR_1ST_ANSI_CD', 'REV_CNTR_APC_HIPPS_CD', 'HCPCS_CD', 'HCPCS_1ST_MDFR_CD', 'HCPCS_2ND_MDFR_CD',
  'REV_CNTR_PMT_MTHD_IND_CD', 'REV_CNTR_UNIT_CNT', 'REV_CNTR_RATE_AMT', 'REV_CNTR_PMT_AMT_AMT', 'REV_CNTR_TOT_CHRG_AMT',
  'REV_CNTR_NCVRD_CHRG_AMT', 'REV_CNTR_DDCTBL_COINSRNC_CD', 'REV_CNTR_STUS_IND_CD', 'REV_CNTR_NDC_QTY', 'REV_CNTR_NDC_QTY_QLFR_CD',
  'RNDRNG_PHYSN_UPIN', 'RNDRNG_PHYSN_NPI',
];

/** CCW RIF hospice claim + revenue center fields (the Blue Button 2 RIF layout). */
export const CCW_HOSPICE_HEADERS: readonly string[] = [
  ...HOME_CARE_CLAIM_HEAD, 'CLM_TOT_CHRG_AMT', 'NCH_PTNT_STATUS_IND_CD', 'CLM_UTLZTN_DAY_CNT', 'NCH_BENE_DSCHRG_DT', 'PRNCPAL_DGNS_CD',
  'PRNCPAL_DGNS_VRSN_CD', ...diagnoses(25), ...externalCauses, 'CLM_HOSPC_START_DT_ID', 'BENE_HOSPC_PRD_CNT', 'CLM_LINE_NUM', 'REV_CNTR',
  'REV_CNTR_DT', 'HCPCS_CD', 'HCPCS_1ST_MDFR_CD', 'HCPCS_2ND_MDFR_CD', 'REV_CNTR_UNIT_CNT', 'REV_CNTR_RATE_AMT', 'REV_CNTR_PRVDR_PMT_AMT',
  'REV_CNTR_BENE_PMT_AMT', 'REV_CNTR_PMT_AMT_AMT', 'REV_CNTR_TOT_CHRG_AMT', 'REV_CNTR_NCVRD_CHRG_AMT', 'REV_CNTR_DDCTBL_COINSRNC_CD',
  'REV_CNTR_NDC_QTY', 'REV_CNTR_NDC_QTY_QLFR_CD', 'RNDRNG_PHYSN_UPIN', 'RNDRNG_PHYSN_NPI',
];

/** CCW RIF durable medical equipment (DMERC) claim + line fields (the Blue Button 2 RIF layout). */
export const CCW_DME_HEADERS: readonly string[] = [
  'DML_IND', 'BENE_ID', 'CLM_ID', 'CLM_GRP_ID', 'FINAL_ACTION', 'NCH_NEAR_LINE_REC_IDENT_CD', 'NCH_CLM_TYPE_CD', 'CLM_FROM_DT',
  'CLM_THRU_DT', 'NCH_WKLY_PROC_DT', 'CARR_CLM_ENTRY_CD', 'CLM_DISP_CD', 'CARR_NUM', 'CARR_CLM_PMT_DNL_CD', 'CLM_PMT_AMT',
  'CARR_CLM_PRMRY_PYR_PD_AMT', 'CARR_CLM_PRVDR_ASGNMT_IND_SW', 'NCH_CLM_PRVDR_PMT_AMT', 'NCH_CLM_BENE_PMT_AMT',
  'NCH_CARR_CLM_SBMTD_CHRG_AMT', 'NCH_CARR_CLM_ALOWD_AMT', 'CARR_CLM_CASH_DDCTBL_APLD_AMT', 'CARR_CLM_HCPCS_YR_CD', 'RFR_PHYSN_UPIN',
  'RFR_PHYSN_NPI', 'PRNCPAL_DGNS_CD', 'PRNCPAL_DGNS_VRSN_CD', ...diagnoses(12), 'CLM_CLNCL_TRIL_NUM', 'LINE_NUM', 'TAX_NUM',
  'PRVDR_SPCLTY', 'PRTCPTNG_IND_CD', 'LINE_SRVC_CNT', 'LINE_CMS_TYPE_SRVC_CD', 'LINE_PLACE_OF_SRVC_CD', 'LINE_1ST_EXPNS_DT',
  'LINE_LAST_EXPNS_DT', 'HCPCS_CD', 'HCPCS_1ST_MDFR_CD', 'HCPCS_2ND_MDFR_CD', 'BETOS_CD', 'LINE_NCH_PMT_AMT', 'LINE_BENE_PMT_AMT',
  'LINE_PRVDR_PMT_AMT', 'LINE_BENE_PTB_DDCTBL_AMT', 'LINE_BENE_PRMRY_PYR_CD', 'LINE_BENE_PRMRY_PYR_PD_AMT', 'LINE_COINSRNC_AMT',
  'LINE_PRMRY_ALOWD_CHRG_AMT', 'LINE_SBMTD_CHRG_AMT', 'LINE_ALOWD_CHRG_AMT', 'LINE_PRCSG_IND_CD', 'LINE_PMT_80_100_CD',
  'LINE_SERVICE_DEDUCTIBLE', 'LINE_ICD_DGNS_CD', 'LINE_ICD_DGNS_VRSN_CD', 'LINE_DME_PRCHS_PRICE_AMT', 'PRVDR_NUM', 'PRVDR_NPI',
  'DMERC_LINE_PRCNG_STATE_CD', 'PRVDR_STATE_CD', 'DMERC_LINE_SUPPLR_TYPE_CD', 'HCPCS_3RD_MDFR_CD', 'HCPCS_4TH_MDFR_CD',
  'DMERC_LINE_SCRN_SVGS_AMT', 'DMERC_LINE_MTUS_CNT', 'DMERC_LINE_MTUS_CD', 'LINE_HCT_HGB_RSLT_NUM', 'LINE_HCT_HGB_TYPE_CD', 'LINE_NDC_CD',
];

/** CCW Part D event (PDE) fields (the Blue Button 2 RIF layout): one row per fill, pharmacy and prescriber ids with their qualifiers. */
export const CCW_PDE_HEADERS: readonly string[] = [
  'DML_IND', 'PDE_ID', 'CLM_GRP_ID', 'FINAL_ACTION', 'BENE_ID', 'SRVC_DT', 'PD_DT', 'SRVC_PRVDR_ID_QLFYR_CD', 'SRVC_PRVDR_ID',
  'PRSCRBR_ID_QLFYR_CD', 'PRSCRBR_ID', 'RX_SRVC_RFRNC_NUM', 'PROD_SRVC_ID', 'PLAN_CNTRCT_REC_ID', 'PLAN_PBP_REC_NUM', 'CMPND_CD',
  'DAW_PROD_SLCTN_CD', 'QTY_DSPNSD_NUM', 'DAYS_SUPLY_NUM', 'FILL_NUM', 'DSPNSNG_STUS_CD', 'DRUG_CVRG_STUS_CD', 'ADJSTMT_DLTN_CD',
  'NSTD_FRMT_CD', 'PRCNG_EXCPTN_CD', 'CTSTRPHC_CVRG_CD', 'GDC_BLW_OOPT_AMT', 'GDC_ABV_OOPT_AMT', 'PTNT_PAY_AMT', 'OTHR_TROOP_AMT',
  'LICS_AMT', 'PLRO_AMT', 'CVRD_D_PLAN_PD_AMT', 'NCVRD_PLAN_PD_AMT', 'TOT_RX_CST_AMT', 'RX_ORGN_CD', 'RPTD_GAP_DSCNT_NUM', 'BRND_GNRC_CD',
  'PHRMCY_SRVC_TYPE_CD', 'PTNT_RSDNC_CD', 'SUBMSN_CLR_CD',
];

/** CCLF file 1, Part A claim headers (CCLF Information Packet): one row per institutional claim, no revenue lines. */
export const CCLF1_PART_A_HEADER_HEADERS: readonly string[] = [
  'CUR_CLM_UNIQ_ID', 'PRVDR_OSCAR_NUM', 'BENE_MBI_ID', 'BENE_HIC_NUM', 'CLM_TYPE_CD', 'CLM_FROM_DT', 'CLM_THRU_DT', 'CLM_BILL_FAC_TYPE_CD',
  'CLM_BILL_CLSFCTN_CD', 'PRNCPL_DGNS_CD', 'ADMTG_DGNS_CD', 'CLM_MDCR_NPMT_RSN_CD', 'CLM_PMT_AMT', 'CLM_NCH_PRMRY_PYR_CD',
  'PRVDR_FAC_FIPS_ST_CD', 'BENE_PTNT_STUS_CD', 'DGNS_DRG_CD', 'CLM_OP_SRVC_TYPE_CD', 'FAC_PRVDR_NPI_NUM', 'OPRTG_PRVDR_NPI_NUM',
  'ATNDG_PRVDR_NPI_NUM', 'OTHR_PRVDR_NPI_NUM', 'CLM_ADJSMT_TYPE_CD', 'CLM_EFCTV_DT', 'CLM_IDR_LD_DT', 'BENE_EQTBL_BIC_HICN_NUM',
  'CLM_ADMSN_TYPE_CD', 'CLM_ADMSN_SRC_CD', 'CLM_BILL_FREQ_CD', 'CLM_QUERY_CD', 'DGNS_PRCDR_ICD_IND', 'CLM_MDCR_INSTNL_TOT_CHRG_AMT',
  'CLM_MDCR_IP_PPS_CPTL_IME_AMT', 'CLM_OPRTNL_IME_AMT', 'CLM_MDCR_IP_PPS_DSPRPRTNT_AMT', 'CLM_HIPPS_UNCOMPD_CARE_AMT',
  'CLM_OPRTNL_DSPRPRTNT_AMT', 'CLM_BLG_PRVDR_OSCAR_NUM', 'CLM_BLG_PRVDR_NPI_NUM', 'CLM_OPRTG_PRVDR_NPI_NUM', 'CLM_ATNDG_PRVDR_NPI_NUM',
  'CLM_OTHR_PRVDR_NPI_NUM', 'CLM_CNTL_NUM', 'CLM_ORG_CNTL_NUM', 'CLM_CNTRCTR_NUM',
];

/** CCLF file 6, Part B durable medical equipment lines (CCLF Information Packet): the supplier is the pay-to provider. */
export const CCLF6_PART_B_DME_HEADERS: readonly string[] = [
  'CUR_CLM_UNIQ_ID', 'CLM_LINE_NUM', 'BENE_MBI_ID', 'BENE_HIC_NUM', 'CLM_TYPE_CD', 'CLM_FROM_DT', 'CLM_THRU_DT', 'CLM_FED_TYPE_SRVC_CD',
  'CLM_POS_CD', 'CLM_LINE_FROM_DT', 'CLM_LINE_THRU_DT', 'CLM_LINE_HCPCS_CD', 'CLM_LINE_CVRD_PD_AMT', 'CLM_PRMRY_PYR_CD',
  'PAYTO_PRVDR_NPI_NUM', 'ORDRG_PRVDR_NPI_NUM', 'CLM_CARR_PMT_DNL_CD', 'CLM_PRCSG_IND_CD', 'CLM_ADJSMT_TYPE_CD', 'CLM_EFCTV_DT',
  'CLM_IDR_LD_DT', 'CLM_CNTL_NUM', 'BENE_EQTBL_BIC_HICN_NUM', 'CLM_LINE_ALOWD_CHRG_AMT', 'CLM_DISP_CD',
];

/** CCLF file 8, beneficiary demographics (CCLF Information Packet): one row per assigned beneficiary. */
export const CCLF8_BENEFICIARY_DEMOGRAPHICS_HEADERS: readonly string[] = [
  'BENE_MBI_ID', 'BENE_HIC_NUM', 'BENE_FIPS_STATE_CD', 'BENE_FIPS_CNTY_CD', 'BENE_ZIP_CD', 'BENE_DOB', 'BENE_SEX_CD', 'BENE_RACE_CD',
  'BENE_AGE', 'BENE_MDCR_STUS_CD', 'BENE_DUAL_STUS_CD', 'BENE_DEATH_DT', 'BENE_RNG_BGN_DT', 'BENE_RNG_END_DT', 'BENE_1ST_NAME',
  'BENE_MIDL_NAME', 'BENE_LAST_NAME', 'BENE_ORGNL_ENTLMT_RSN_CD', 'BENE_ENTLMT_BUYIN_IND', 'BENE_PART_A_ENRLMT_BGN_DT',
  'BENE_PART_B_ENRLMT_BGN_DT', ...range(1, 6).map((n) => `BENE_LINE_${n}_ADR`), 'GEO_ZIP_PLC_NAME', 'GEO_USPS_STATE_CD', 'GEO_ZIP5_CD',
  'GEO_ZIP4_CD',
];

/** DE-SynPUF inpatient claims (the DE-SynPUF codebook, "Inpatient Claims" file): one row per claim segment, 81 fields. */
export const DE_SYNPUF_INPATIENT_HEADERS: readonly string[] = [
  'DESYNPUF_ID', 'CLM_ID', 'SEGMENT', 'CLM_FROM_DT', 'CLM_THRU_DT', 'PRVDR_NUM', 'CLM_PMT_AMT', 'NCH_PRMRY_PYR_CLM_PD_AMT', 'AT_PHYSN_NPI',
  'OP_PHYSN_NPI', 'OT_PHYSN_NPI', 'CLM_ADMSN_DT', 'ADMTNG_ICD9_DGNS_CD', 'CLM_PASS_THRU_PER_DIEM_AMT', 'NCH_BENE_IP_DDCTBL_AMT',
  'NCH_BENE_PTA_COINSRNC_LBLTY_AM', 'NCH_BENE_BLOOD_DDCTBL_LBLTY_AM', 'CLM_UTLZTN_DAY_CNT', 'NCH_BENE_DSCHRG_DT', 'CLM_DRG_CD',
  ...range(1, 10).map((n) => `ICD9_DGNS_CD_${n}`), ...range(1, 6).map((n) => `ICD9_PRCDR_CD_${n}`), ...range(1, 45).map((n) => `HCPCS_CD_${n}`),
];

/** DE-SynPUF outpatient claims (the DE-SynPUF codebook, "Outpatient Claims" file): one row per claim, 76 fields. */
export const DE_SYNPUF_OUTPATIENT_HEADERS: readonly string[] = [
  'DESYNPUF_ID', 'CLM_ID', 'SEGMENT', 'CLM_FROM_DT', 'CLM_THRU_DT', 'PRVDR_NUM', 'CLM_PMT_AMT', 'NCH_PRMRY_PYR_CLM_PD_AMT', 'AT_PHYSN_NPI',
  'OP_PHYSN_NPI', 'OT_PHYSN_NPI', 'NCH_BENE_BLOOD_DDCTBL_LBLTY_AM', ...range(1, 10).map((n) => `ICD9_DGNS_CD_${n}`),
  ...range(1, 6).map((n) => `ICD9_PRCDR_CD_${n}`), 'NCH_BENE_PTB_DDCTBL_AMT', 'NCH_BENE_PTB_COINSRNC_AMT', 'ADMTNG_ICD9_DGNS_CD',
  ...range(1, 45).map((n) => `HCPCS_CD_${n}`),
];

/** DE-SynPUF prescription drug events (the DE-SynPUF codebook, "Prescription Drug Events" file): one row per fill, 8 fields. */
export const DE_SYNPUF_PDE_HEADERS: readonly string[] = [
  'DESYNPUF_ID', 'PDE_ID', 'SRVC_DT', 'PROD_SRVC_ID', 'QTY_DSPNSD_NUM', 'DAYS_SUPLY_NUM', 'PTNT_PAY_AMT', 'TOT_RX_CST_AMT',
];

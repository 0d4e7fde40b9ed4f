import type { CanonicalSchema } from './canonical-schema';
import {
  claimAmountColumns,
  claimIdentityColumns,
  claimMemberColumns,
  claimProcessingDateColumns,
  claimTypeColumn,
  diagnosisColumns,
  lineProcedureColumns,
  serviceDateColumns,
} from './claim-columns';
import { claimAmountChecks, claimDateFormatChecks, diagnosisChecks, procedureLineChecks } from './claim-checks';
import { bind, bindEach, column, numbered } from './schema-builders';

/** The 837I carries up to 25 diagnosis and 25 procedure codes; Tuva keeps 25 of each. */
const DIAGNOSIS_CODES = 25;
const PROCEDURE_CODES = 25;

const procedureCodeColumns = numbered(PROCEDURE_CODES, (n) => [
  column(`procedure_code_${n}`, 'string', n === 1 ? 'ICD-10-PCS principal procedure (UB-04 FL74).' : `ICD-10-PCS procedure ${n}.`, {
    synonyms: [`icd_procedure_code_${n}`, `icd10_pcs_${n}`, `icd_pcs_${n}`, `pcs_code_${n}`, `px_${n}`, `proc_code_${n}`, ...(n === 1 ? ['principal_procedure_code', 'principal_procedure'] : [])],
  }),
  column(`procedure_date_${n}`, 'date', `Day procedure ${n} was performed.`, {
    phi: true,
    synonyms: [`icd_procedure_date_${n}`, `px_date_${n}`, `proc_date_${n}`, ...(n === 1 ? ['principal_procedure_date'] : [])],
  }),
]).flat();

const columns = [
  ...claimIdentityColumns(['revenue_line_number', 'rev_line_number']),
  claimTypeColumn(),
  ...claimMemberColumns(),
  column('bill_type_code', 'string', 'Type of bill (UB-04 FL4): facility type, bill classification, frequency.', {
    required: true,
    synonyms: ['type_of_bill', 'tob', 'bill_type', 'tob_code', 'type_of_bill_code'],
  }),
  column('billing_npi', 'string', 'NPI of the billing facility (UB-04 FL56).', {
    required: true,
    synonyms: ['billing_provider_npi', 'billing_prov_npi', 'bill_prov_npi', 'bill_npi', 'billing_npi_number', 'organization_npi', 'org_npi', 'billing_organization_npi'],
  }),
  column('facility_npi', 'string', 'NPI of the facility where care was given, when it differs from the billing NPI.', {
    synonyms: ['service_facility_npi', 'facility_provider_npi', 'service_location_npi', 'fac_npi'],
  }),
  column('rendering_npi', 'string', 'NPI of the attending physician (UB-04 FL76); Tuva keeps it as rendering_npi.', {
    synonyms: ['attending_npi', 'attending_provider_npi', 'attending_physician_npi', 'att_prov_npi', 'rendering_provider_npi', 'servicing_npi'],
  }),
  column('admission_date', 'date', 'Inpatient admission date (UB-04 FL12).', {
    phi: true,
    synonyms: ['admit_date', 'admission_dt', 'admit_dt', 'date_of_admission'],
  }),
  column('discharge_date', 'date', 'Inpatient discharge date.', {
    phi: true,
    synonyms: ['disch_date', 'discharge_dt', 'date_of_discharge'],
  }),
  column('admit_source_code', 'string', 'Point of origin for admission (UB-04 FL15).', {
    synonyms: ['admission_source_code', 'admit_source', 'point_of_origin_code', 'point_of_origin'],
  }),
  column('admit_type_code', 'string', 'Priority (type) of admission (UB-04 FL14).', {
    synonyms: ['admission_type_code', 'admit_type', 'admission_type', 'priority_of_admission'],
  }),
  column('discharge_disposition_code', 'string', 'Patient discharge status (UB-04 FL17).', {
    synonyms: ['discharge_status', 'discharge_status_code', 'patient_status', 'patient_status_code', 'discharge_disposition'],
  }),
  column('ms_drg_code', 'string', 'MS-DRG assigned to an inpatient stay.', { synonyms: ['drg', 'drg_code', 'ms_drg'] }),
  column('apr_drg_code', 'string', 'APR-DRG, which many Medicaid programs pay inpatient stays by.', { synonyms: ['apr_drg'] }),
  column('revenue_center_code', 'string', 'Revenue code of the line (UB-04 FL42).', {
    required: true,
    synonyms: ['revenue_code', 'rev_code', 'rev_cd', 'revenue_cd', 'rev_center_code', 'revenue_center'],
  }),
  ...lineProcedureColumns([], false),
  column('service_unit_quantity', 'decimal', 'Service units or days of the line (UB-04 FL46).', {
    synonyms: ['units', 'unit_count', 'service_units', 'units_of_service', 'svc_units', 'billed_units', 'service_quantity', 'quantity', 'qty', 'service_count'],
  }),
  ...diagnosisColumns(DIAGNOSIS_CODES, 'principal'),
  ...numbered(DIAGNOSIS_CODES, (n) =>
    column(`diagnosis_poa_${n}`, 'string', `Present-on-admission indicator of diagnosis ${n}.`, {
      synonyms: [`poa_${n}`, `dx_poa_${n}`, `poa_indicator_${n}`, `diagnosis_poa_indicator_${n}`],
    }),
  ),
  column('procedure_code_type', 'string', "Code system of the procedure codes (e.g. 'icd-10-pcs').", {
    synonyms: ['px_code_type', 'procedure_type', 'icd_procedure_version'],
  }),
  ...procedureCodeColumns,
  ...serviceDateColumns({ claimRequired: true, lineRequired: false }),
  ...claimProcessingDateColumns(),
  ...claimAmountColumns({ chargeRequired: true }),
];

/**
 * Institutional claims (837I / UB-04), one row per revenue line. Diagnoses are judged on the
 * statement through date (the discharge date of an inpatient stay, the code set in force when
 * the claim is coded); the future-service check runs once per row, on the statement period,
 * because inpatient lines often carry no service date.
 */
export const INSTITUTIONAL_CLAIMS_SCHEMA: CanonicalSchema = {
  dataType: 'institutional_claims',
  table: 'institutional_claims',
  tuvaModel: 'medical_claim',
  claimType: 'institutional',
  columns,
  businessKey: ['claim_id', 'claim_line_number'],
  checks: [
    bind('state_pack.claim_type', { claimType: '=institutional' }),
    bind('medicaid_id.format', { memberId: 'member_id' }),
    bind('state.unknown', { state: 'medicaid_state' }),
    ...bindEach('npi.format', 'npi', ['billing_npi', 'facility_npi', 'rendering_npi']),
    ...bindEach('npi.check_digit', 'npi', ['billing_npi', 'facility_npi', 'rendering_npi']),
    ...diagnosisChecks(DIAGNOSIS_CODES, 'claim_end_date'),
    ...bindEach('icd10pcs.format', 'code', numbered(PROCEDURE_CODES, (n) => `procedure_code_${n}`)),
    ...procedureLineChecks('revenue_center_code'),
    ...claimDateFormatChecks(columns),
    bind('dates.service_order', { from: 'claim_start_date', to: 'claim_end_date' }),
    bind('dates.service_order', { from: 'claim_line_start_date', to: 'claim_line_end_date' }),
    bind('dates.service_order', { from: 'admission_date', to: 'discharge_date' }),
    bind('dates.service_in_future', { from: 'claim_start_date', to: 'claim_end_date' }),
    bind('dates.received_before_service', { received: 'claim_received_date', serviceEnd: 'claim_end_date' }),
    bind('business.timely_filing', { received: 'claim_received_date', serviceEnd: 'claim_end_date' }),
    ...claimAmountChecks(columns),
  ],
};

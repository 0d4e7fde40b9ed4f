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
import { bind, bindEach, column } from './schema-builders';

/** CMS-1500 has twelve diagnosis pointers (box 21 A-L), as does the 837P HI segment. */
const DIAGNOSIS_CODES = 12;

const columns = [
  ...claimIdentityColumns(),
  claimTypeColumn(),
  ...claimMemberColumns(),
  column('billing_npi', 'string', 'NPI of the billing provider (CMS-1500 box 33a).', {
    required: true,
    synonyms: ['billing_provider_npi', 'billing_prov_npi', 'bill_prov_npi', 'bill_npi', 'billing_npi_number'],
  }),
  column('rendering_npi', 'string', 'NPI of the provider who rendered the line (box 24J).', {
    synonyms: ['rendering_provider_npi', 'rendering_prov_npi', 'rend_prov_npi', 'rend_npi', 'servicing_npi', 'servicing_provider_npi', 'performing_npi', 'performing_provider_npi'],
  }),
  column('facility_npi', 'string', 'NPI of the service facility location (box 32a).', {
    synonyms: ['service_facility_npi', 'facility_provider_npi', 'service_location_npi', 'fac_npi'],
  }),
  ...diagnosisColumns(DIAGNOSIS_CODES, 'primary'),
  ...lineProcedureColumns(['procedure_code', 'procedure', 'service_code'], true),
  ...serviceDateColumns({ claimRequired: false, lineRequired: true }),
  ...claimProcessingDateColumns(),
  column('place_of_service_code', 'string', 'CMS place-of-service code (box 24B).', {
    required: true,
    synonyms: ['place_of_service', 'pos', 'pos_code', 'place_of_svc'],
  }),
  column('service_unit_quantity', 'decimal', 'Days or units of the line (box 24G).', {
    required: true,
    synonyms: ['units', 'unit_count', 'service_units', 'units_of_service', 'svc_units', 'billed_units', 'service_quantity', 'quantity', 'qty', 'days_or_units', 'service_count'],
  }),
  ...claimAmountColumns({ chargeRequired: true }),
];

/**
 * Professional claims (837P / CMS-1500), one row per claim line, claim-level values repeated on
 * each line. Diagnosis validity is judged on the line's first service day; the future-service
 * check runs once per row, on the line dates.
 */
export const PROFESSIONAL_CLAIMS_SCHEMA: CanonicalSchema = {
  dataType: 'professional_claims',
  table: 'professional_claims',
  tuvaModel: 'medical_claim',
  claimType: 'professional',
  columns,
  businessKey: ['claim_id', 'claim_line_number'],
  checks: [
    bind('state_pack.claim_type', { claimType: '=professional' }),
    bind('medicaid_id.format', { memberId: 'member_id' }),
    bind('state.unknown', { state: 'medicaid_state' }),
    ...bindEach('npi.format', 'npi', ['billing_npi', 'rendering_npi', 'facility_npi']),
    ...bindEach('npi.check_digit', 'npi', ['billing_npi', 'rendering_npi', 'facility_npi']),
    ...diagnosisChecks(DIAGNOSIS_CODES, 'claim_line_start_date'),
    ...procedureLineChecks(),
    bind('place_of_service.unknown', { pos: 'place_of_service_code' }),
    ...claimDateFormatChecks(columns),
    bind('dates.service_order', { from: 'claim_start_date', to: 'claim_end_date' }),
    bind('dates.service_order', { from: 'claim_line_start_date', to: 'claim_line_end_date' }),
    bind('dates.service_in_future', { from: 'claim_line_start_date', to: 'claim_line_end_date' }),
    bind('dates.received_before_service', { received: 'claim_received_date', serviceEnd: 'claim_end_date' }),
    bind('business.timely_filing', { received: 'claim_received_date', serviceEnd: 'claim_end_date' }),
    ...claimAmountChecks(columns),
  ],
};

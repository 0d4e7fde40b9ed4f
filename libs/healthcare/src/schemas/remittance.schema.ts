import type { CanonicalSchema } from './canonical-schema';
import { bind, bindEach, column, namesOf, numbered } from './schema-builders';

const payment = [
  column('payment_trace_number', 'string', 'Check or EFT trace number of the payment (835 TRN02); one remittance advice per payment.', {
    required: true,
    synonyms: ['trace_number', 'check_number', 'eft_trace_number', 'check_eft_number', 'eft_number'],
  }),
  column('payment_date', 'date', 'Day the payment was issued or the EFT effective (BPR16).', {
    phi: true,
    synonyms: ['check_date', 'check_issue_date', 'eft_effective_date', 'remit_date', 'remittance_date'],
  }),
  column('payment_method_code', 'string', 'How the payment was made (BPR04): ACH, CHK, BOP, FWT or NON.', { synonyms: ['payment_method'] }),
  column('payment_amount', 'decimal', 'Total of the payment the claim was paid in (BPR02).', { synonyms: ['total_payment_amount', 'check_amount'] }),
  column('payer', 'string', 'The payer that sent the remittance (1000A N1*PR).', {
    required: true,
    synonyms: ['payer_name', 'payor', 'payor_name'],
  }),
  column('payer_identifier', 'string', "The payer's identifier (N1*PR N104, else REF*2U).", { synonyms: ['payer_id', 'payor_id'] }),
  column('payee_name', 'string', 'The provider paid (1000B N1*PE).', { synonyms: ['payee', 'pay_to_provider_name'] }),
  column('payee_npi', 'string', "NPI of the provider paid (N1*PE with N103 XX).", { synonyms: ['pay_to_npi', 'payee_provider_npi'] }),
];

const claim = [
  column('claim_id', 'string', "The provider's claim id as submitted (patient control number, CLP01 = 837 CLM01).", {
    required: true,
    phi: true,
    synonyms: ['patient_control_number', 'patient_account_number', 'pcn'],
  }),
  column('claim_status_code', 'string', 'How the payer processed the claim (CLP02): 1 primary, 4 denied, 22 reversal ...', {
    required: true,
    synonyms: ['claim_status', 'clp_status_code'],
  }),
  column('claim_charge_amount', 'decimal', 'Total charge of the claim (CLP03).', { required: true, synonyms: ['total_claim_charge_amount', 'claim_charge'] }),
  column('claim_paid_amount', 'decimal', 'What the payer paid on the claim (CLP04); reconciled against the claim in silver.', {
    required: true,
    synonyms: ['claim_payment_amount', 'claim_paid'],
  }),
  column('patient_responsibility_amount', 'decimal', "The patient's share of the claim (CLP05).", { synonyms: ['patient_responsibility', 'patient_resp_amount'] }),
  column('claim_filing_indicator_code', 'string', 'Kind of coverage the claim was paid under (CLP06): MC Medicaid, MA/MB Medicare ...', { synonyms: ['claim_filing_indicator'] }),
  column('payer_claim_control_number', 'string', "The payer's own claim number (CLP07, the ICN/TCN).", {
    required: true,
    phi: true,
    synonyms: ['payer_claim_number', 'icn', 'internal_control_number', 'tcn'],
  }),
  column('facility_type_code', 'string', 'Place of service or type of bill facility code (CLP08).', { synonyms: ['facility_code'] }),
  column('claim_frequency_code', 'string', 'Claim frequency (CLP09): 1 original, 7 replacement, 8 void.', { synonyms: ['frequency_code'] }),
  column('drg_code', 'string', 'Diagnosis related group the claim was paid under (CLP11).', { synonyms: ['drg'] }),
  column('claim_adjustments', 'string', 'Claim-level adjustments (2100 CAS) as GROUP-REASON:AMOUNT entries, e.g. "PR-1:50.00".', { synonyms: ['claim_adjustment_codes'] }),
  column('claim_remark_codes', 'string', 'Claim-level remark codes (MIA/MOA), space separated.', { synonyms: ['claim_remarks'] }),
  column('member_id', 'string', "Patient's member identifier (NM1*QC NM109).", {
    phi: true,
    synonyms: ['patient_member_id', 'member_number', 'medicaid_id', 'recipient_id', 'subscriber_id'],
  }),
  column('patient_first_name', 'string', "Patient's first name (NM1*QC).", { phi: true, synonyms: ['first_name'] }),
  column('patient_last_name', 'string', "Patient's last name (NM1*QC).", { phi: true, synonyms: ['last_name'] }),
  column('rendering_npi', 'string', 'NPI of the rendering provider (NM1*82 with NM108 XX).', { synonyms: ['rendering_provider_npi'] }),
  column('claim_received_date', 'date', 'Day the payer received the claim (DTM*050).', { phi: true, synonyms: ['received_date'] }),
  column('claim_start_date', 'date', 'First day of the claim statement period (DTM*232).', { phi: true, synonyms: ['statement_from_date'] }),
  column('claim_end_date', 'date', 'Last day of the claim statement period (DTM*233).', { phi: true, synonyms: ['statement_to_date'] }),
];

const line = [
  column('claim_line_number', 'integer', 'Service line (SVC) within the claim payment, from 1; 0 for a claim paid without service lines.', {
    required: true,
    synonyms: ['line_number', 'service_line_number', 'line'],
  }),
  column('line_item_control_number', 'string', "The provider's line id as submitted (REF*6R).", { synonyms: ['line_control_number'] }),
  column('hcpcs_code', 'string', 'CPT or HCPCS code of the service paid (SVC01-2 with HC).', { synonyms: ['procedure_code', 'cpt_code'] }),
  ...numbered(4, (n) => column(`hcpcs_modifier_${n}`, 'string', `Procedure modifier ${n} (SVC01-${n + 2}).`, { synonyms: [`modifier_${n}`] })),
  column('revenue_center_code', 'string', 'Revenue code of an institutional line (SVC04, or SVC01-2 with NU).', { synonyms: ['revenue_code'] }),
  column('ndc_code', 'string', 'National drug code of a drug line (SVC01-2 with N4).', { synonyms: ['ndc'] }),
  column('line_charge_amount', 'decimal', 'Charge of the line (SVC02).', { synonyms: ['line_charge', 'submitted_charge_amount'] }),
  column('line_paid_amount', 'decimal', 'What was paid on the line (SVC03).', { synonyms: ['line_paid', 'line_payment_amount'] }),
  column('allowed_amount', 'decimal', 'Amount allowed for the line (AMT*B6).', { synonyms: ['line_allowed_amount'] }),
  column('paid_units', 'decimal', 'Units of service paid (SVC05; 1 when absent).', { synonyms: ['units_paid'] }),
  column('claim_line_start_date', 'date', 'First day of service of the line (DTM*472 or *150).', { phi: true, synonyms: ['service_date', 'line_service_date'] }),
  column('claim_line_end_date', 'date', 'Last day of service of the line (DTM*151).', { phi: true, synonyms: ['service_end_date'] }),
  column('adjustments', 'string', 'Line adjustments (2110 CAS) as GROUP-REASON:AMOUNT entries, e.g. "CO-45:20.00 PR-2:8.00".', {
    synonyms: ['adjustment_codes', 'line_adjustments', 'carc_codes'],
  }),
  column('remark_codes', 'string', 'Line remark codes (LQ*HE), space separated.', { synonyms: ['rarc_codes', 'line_remark_codes'] }),
];

const columns = [...payment, ...claim, ...line];
const NPIS = ['payee_npi', 'rendering_npi'];

/**
 * Remittance advice (835), one row per service line paid (SVC), or one per claim paid without
 * lines (line 0), the payment and claim values repeated on each. Amounts may be negative
 * (reversals), so only their format is checked; a line must balance (charge less adjustments =
 * paid), and the claim's paid amount is reconciled against the claim in silver by the
 * `business.remittance_paid` data-set rule.
 */
export const REMITTANCE_SCHEMA: CanonicalSchema = {
  dataType: 'remittance',
  table: 'remittance',
  tuvaModel: null,
  claimType: null,
  columns,
  businessKey: ['payment_trace_number', 'payer_claim_control_number', 'claim_status_code', 'claim_line_number'],
  checks: [
    ...bindEach('npi.format', 'npi', NPIS),
    ...bindEach('npi.check_digit', 'npi', NPIS),
    bind('remittance.claim_status', { status: 'claim_status_code' }),
    ...bindEach('remittance.adjustment_format', 'adjustments', ['claim_adjustments', 'adjustments']),
    ...bindEach('remittance.remark_format', 'remarks', ['claim_remark_codes', 'remark_codes']),
    bind('remittance.line_balance', { charge: 'line_charge_amount', paid: 'line_paid_amount', adjustments: 'adjustments' }),
    bind('procedure.format', { code: 'hcpcs_code', revenueCode: 'revenue_center_code' }),
    ...bindEach('hcpcs.modifier_format', 'modifier', numbered(4, (n) => `hcpcs_modifier_${n}`)),
    bind('ndc.format', { ndc: 'ndc_code' }),
    ...bindEach('date.format', 'date', namesOf(columns, 'date')),
    bind('dates.service_order', { from: 'claim_start_date', to: 'claim_end_date' }),
    bind('dates.service_order', { from: 'claim_line_start_date', to: 'claim_line_end_date' }),
    ...bindEach('amount.format', 'amount', namesOf(columns, 'decimal').filter((name) => name.endsWith('_amount'))),
  ],
};

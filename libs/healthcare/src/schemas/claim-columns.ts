import type { CanonicalColumn } from './canonical-schema';
import { column, numbered } from './schema-builders';

/**
 * Columns every claim type shares, Tuva names where Tuva has them. Claim ids count as PHI: a
 * payer's claim number is a record/account number of one patient (Safe Harbor (J), (R)).
 */
export function claimIdentityColumns(lineSynonyms: readonly string[] = []): CanonicalColumn[] {
  return [
    column('claim_id', 'string', "The payer's claim number (ICN/TCN); with claim_line_number it identifies a row.", {
      required: true,
      phi: true,
      synonyms: ['claim_number', 'claim_no', 'claim_nbr', 'claim_num', 'clm_id', 'icn', 'internal_control_number', 'tcn', 'transaction_control_number', 'claim_control_number'],
    }),
    column('claim_line_number', 'integer', 'Line number within the claim, from 1.', {
      required: true,
      synonyms: ['line', 'line_number', 'line_no', 'line_nbr', 'line_num', 'claim_line', 'claim_line_no', 'clm_line_num', 'service_line_number', ...lineSynonyms],
    }),
  ];
}

/** Who the claim is for: the Medicaid (or Medicare) member and the demographics claims extracts repeat. */
export function claimMemberColumns(): CanonicalColumn[] {
  return [
    column('person_id', 'string', 'Enterprise (MPI) person identifier, when the source has one.', {
      phi: true,
      synonyms: ['patient_id', 'mpi_id', 'enterprise_person_id'],
    }),
    column('member_id', 'string', 'Member identifier on the claim; for Medicaid the state Medicaid id, checked against the state pack pattern.', {
      required: true,
      phi: true,
      synonyms: ['member_number', 'member_no', 'member_nbr', 'mem_id', 'medicaid_id', 'medicaid_member_id', 'medicaid_number', 'recipient_id', 'recipient_number', 'beneficiary_id', 'enrollee_id', 'client_id', 'cin'],
    }),
    column('patient_first_name', 'string', "Patient's first name as the claim carries it.", {
      phi: true,
      synonyms: ['first_name', 'member_first_name', 'patient_fname', 'pat_first_name', 'recipient_first_name', 'fname', 'given_name'],
    }),
    column('patient_last_name', 'string', "Patient's last name as the claim carries it.", {
      phi: true,
      synonyms: ['last_name', 'member_last_name', 'patient_lname', 'pat_last_name', 'recipient_last_name', 'lname', 'surname', 'family_name'],
    }),
    column('patient_birth_date', 'date', "Patient's date of birth.", {
      phi: true,
      synonyms: ['birth_date', 'date_of_birth', 'dob', 'patient_dob', 'member_dob', 'member_birth_date', 'pat_dob'],
    }),
    column('patient_gender', 'string', "Patient's sex or gender as the claim carries it (e.g. F, M, U).", {
      synonyms: ['gender', 'sex', 'patient_sex', 'member_gender', 'member_sex', 'gender_code', 'sex_code'],
    }),
    column('payer', 'string', 'The payer, e.g. Medicaid, Medicare or a managed-care organization.', {
      synonyms: ['payer_name', 'payor', 'payor_name', 'insurer', 'insurance_company'],
    }),
    column('plan', 'string', 'The health plan or program within the payer.', {
      synonyms: ['plan_name', 'plan_id', 'plan_code', 'health_plan', 'benefit_plan', 'line_of_business', 'lob'],
    }),
    column('medicaid_state', 'string', "USPS code of the state whose Medicaid program the claim belongs to.", {
      synonyms: ['state', 'state_code', 'medicaid_state_code', 'program_state'],
    }),
  ];
}

/** Dates a payer records about the claim rather than the service. */
export function claimProcessingDateColumns(): CanonicalColumn[] {
  return [
    column('claim_received_date', 'date', 'Day the payer received the claim; timely filing is measured to it.', {
      phi: true,
      synonyms: ['received_date', 'receipt_date', 'date_received', 'claim_receipt_date', 'recd_date', 'rcvd_date'],
    }),
    column('paid_date', 'date', 'Day the claim was paid.', {
      phi: true,
      synonyms: ['payment_date', 'date_paid', 'check_date', 'paid_dt'],
    }),
  ];
}

/** What was billed, allowed and paid, and the member's share (Tuva amount names). */
export function claimAmountColumns(options: { chargeRequired: boolean }): CanonicalColumn[] {
  return [
    column('charge_amount', 'decimal', 'Amount the provider billed.', {
      required: options.chargeRequired,
      synonyms: ['billed_amount', 'billed_amt', 'billed', 'billed_charges', 'charge', 'charges', 'charge_amt', 'charged_amount', 'total_charge', 'total_charges', 'submitted_charge', 'submitted_amount', 'line_charge'],
    }),
    column('allowed_amount', 'decimal', 'Amount the payer allowed.', {
      synonyms: ['allowed', 'allowed_amt', 'allowable', 'allowable_amount', 'approved_amount'],
    }),
    column('paid_amount', 'decimal', 'Amount the payer paid.', {
      synonyms: ['paid', 'paid_amt', 'payment_amount', 'amount_paid', 'plan_paid', 'plan_paid_amount', 'net_paid', 'net_paid_amount'],
    }),
    column('copayment_amount', 'decimal', "Member's copayment.", { synonyms: ['copay', 'copay_amount', 'copay_amt', 'copayment'] }),
    column('coinsurance_amount', 'decimal', "Member's coinsurance.", { synonyms: ['coinsurance', 'coins_amount', 'coinsurance_amt'] }),
    column('deductible_amount', 'decimal', "Amount applied to the member's deductible.", { synonyms: ['deductible', 'deductible_amt'] }),
  ];
}

/** ICD-10-CM diagnosis codes `diagnosis_code_1..count` and the code type. */
export function diagnosisColumns(count: number, primaryLabel: 'primary' | 'principal'): CanonicalColumn[] {
  return [
    column('diagnosis_code_type', 'string', "Code system of the diagnosis codes (e.g. 'icd-10-cm').", {
      synonyms: ['dx_code_type', 'diagnosis_type', 'icd_version', 'dx_version'],
    }),
    ...numbered(count, (n) =>
      column(`diagnosis_code_${n}`, 'string', n === 1 ? `ICD-10-CM ${primaryLabel} diagnosis.` : `ICD-10-CM diagnosis ${n}.`, {
        required: n === 1,
        synonyms: [
          `dx_${n}`,
          `dx_code_${n}`,
          `diag_${n}`,
          `diag_code_${n}`,
          `diagnosis_${n}`,
          `icd_diagnosis_code_${n}`,
          `icd10_dx_${n}`,
          ...(n === 1 ? ['primary_diagnosis', 'primary_diagnosis_code', 'primary_dx', 'principal_diagnosis', 'principal_diagnosis_code', 'principal_dx'] : []),
        ],
      }),
    ),
  ];
}

/** The line's CPT/HCPCS code and its modifiers (Tuva has five). */
export function lineProcedureColumns(codeSynonyms: readonly string[], required: boolean): CanonicalColumn[] {
  return [
    column('hcpcs_code', 'string', 'CPT (HCPCS Level I) or HCPCS Level II code of the line.', {
      required,
      synonyms: ['cpt', 'cpt_code', 'hcpcs', 'cpt_hcpcs', 'cpt_hcpcs_code', 'hcpcs_cpt_code', 'proc_code', 'line_procedure_code', ...codeSynonyms],
    }),
    ...numbered(5, (n) =>
      column(`hcpcs_modifier_${n}`, 'string', `Procedure modifier ${n}.`, {
        synonyms: [`modifier_${n}`, `mod_${n}`, `hcpcs_mod_${n}`, `cpt_modifier_${n}`, `procedure_modifier_${n}`, ...(n === 1 ? ['modifier', 'mod'] : [])],
      }),
    ),
  ];
}

/** Claim (header) and line service dates. */
export function serviceDateColumns(options: { claimRequired: boolean; lineRequired: boolean }): CanonicalColumn[] {
  return [
    column('claim_start_date', 'date', 'First day of service on the claim (statement from date on an institutional claim).', {
      required: options.claimRequired,
      phi: true,
      synonyms: ['claim_from_date', 'claim_begin_date', 'claim_service_start_date', 'statement_from_date', 'header_from_date', 'clm_from_dt'],
    }),
    column('claim_end_date', 'date', 'Last day of service on the claim (statement through date on an institutional claim).', {
      required: options.claimRequired,
      phi: true,
      synonyms: ['claim_through_date', 'claim_thru_date', 'claim_to_date', 'claim_service_end_date', 'statement_through_date', 'statement_thru_date', 'header_through_date', 'clm_thru_dt'],
    }),
    column('claim_line_start_date', 'date', 'First day of service of the line.', {
      required: options.lineRequired,
      phi: true,
      synonyms: ['service_from_date', 'service_start_date', 'line_from_date', 'line_start_date', 'line_service_date', 'dos_from', 'from_dos', 'from_date_of_service', 'date_of_service', 'dos', 'service_date', 'svc_from_date'],
    }),
    column('claim_line_end_date', 'date', 'Last day of service of the line.', {
      phi: true,
      synonyms: ['service_to_date', 'service_through_date', 'service_thru_date', 'service_end_date', 'line_to_date', 'line_through_date', 'line_end_date', 'dos_to', 'thru_dos', 'to_date_of_service', 'svc_to_date'],
    }),
  ];
}

export function claimTypeColumn(): CanonicalColumn {
  return column('claim_type', 'string', "Claim type as the source states it; the data type fixes the type the state pack checks.", {
    synonyms: ['claim_type_code', 'clm_type', 'claim_form_type'],
  });
}

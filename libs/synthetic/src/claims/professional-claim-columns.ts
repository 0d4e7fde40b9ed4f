/**
 * The columns of the synthetic professional-claims CSV (one row per claim line, CMS-1500 / 837P
 * shaped), in file order. Claim-level values (member, billing provider, diagnoses, claim dates,
 * received date, state, plan) repeat on every line of the claim.
 */
export const PROFESSIONAL_CLAIM_COLUMNS = [
  'claim_id',
  'claim_line_number',
  'member_id',
  'patient_first_name',
  'patient_last_name',
  'patient_birth_date',
  'patient_gender',
  'billing_npi',
  'rendering_npi',
  'diagnosis_code_1',
  'diagnosis_code_2',
  'diagnosis_code_3',
  'diagnosis_code_4',
  'hcpcs_code',
  'hcpcs_modifier_1',
  'claim_start_date',
  'claim_end_date',
  'claim_line_start_date',
  'claim_line_end_date',
  'claim_received_date',
  'place_of_service_code',
  'units',
  'charge_amount',
  'allowed_amount',
  'paid_amount',
  'state',
  'payer',
  'plan',
] as const;

export type ProfessionalClaimColumn = (typeof PROFESSIONAL_CLAIM_COLUMNS)[number];

/** A line's values in column order; built as an array because a million rows are written. */
export type ClaimLineFields = string[];

/** Column positions, so code reads `fields[COLUMN.paid_amount]` rather than a bare number. */
export const COLUMN = Object.fromEntries(PROFESSIONAL_CLAIM_COLUMNS.map((name, index) => [name, index])) as Record<
  ProfessionalClaimColumn,
  number
>;

export const DIAGNOSIS_COLUMNS = [
  'diagnosis_code_1',
  'diagnosis_code_2',
  'diagnosis_code_3',
  'diagnosis_code_4',
] as const satisfies readonly ProfessionalClaimColumn[];

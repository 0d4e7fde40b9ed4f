/**
 * Headers of the companion files, all canonical column names of the `providers` and
 * `eligibility` schemas (libs/healthcare/src/schemas), so they map without synonyms.
 */
export const PROVIDER_COLUMNS = [
  'npi',
  'entity_type_code',
  'primary_taxonomy_code',
  'provider_organization_name',
  'provider_first_name',
  'provider_last_name',
  'practice_state',
] as const;

export const ELIGIBILITY_COLUMNS = [
  'member_id',
  'first_name',
  'last_name',
  'birth_date',
  'gender',
  'state',
  'payer',
  'payer_type',
  'plan',
  'enrollment_start_date',
  'enrollment_end_date',
] as const;

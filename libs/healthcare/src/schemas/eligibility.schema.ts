import type { CanonicalSchema } from './canonical-schema';
import { bind, bindEach, column, namesOf } from './schema-builders';

const columns = [
  column('person_id', 'string', 'Enterprise (MPI) person identifier, when the source has one.', {
    phi: true,
    synonyms: ['patient_id', 'mpi_id', 'enterprise_person_id'],
  }),
  column('member_id', 'string', 'Member identifier; for Medicaid the state Medicaid id, checked against the state pack pattern.', {
    required: true,
    phi: true,
    synonyms: ['member_number', 'member_no', 'member_nbr', 'mem_id', 'medicaid_id', 'medicaid_member_id', 'medicaid_number', 'recipient_id', 'recipient_number', 'beneficiary_id', 'enrollee_id', 'client_id', 'cin'],
  }),
  column('mbi', 'string', 'Medicare Beneficiary Identifier (Medicare members and dual eligibles).', {
    phi: true,
    synonyms: ['medicare_beneficiary_identifier', 'medicare_beneficiary_id', 'medicare_id', 'mbi_number', 'mbi_id'],
  }),
  column('subscriber_id', 'string', "The policyholder's identifier when it differs from the member's.", {
    phi: true,
    synonyms: ['subscriber_number', 'subscriber_no', 'policyholder_id', 'sub_id'],
  }),
  column('subscriber_relation', 'string', "The member's relationship to the subscriber.", {
    synonyms: ['relationship_code', 'relationship', 'subscriber_relationship', 'relationship_to_subscriber'],
  }),
  column('payer', 'string', 'The payer, e.g. Medicaid, Medicare or a managed-care organization.', {
    required: true,
    synonyms: ['payer_name', 'payor', 'payor_name', 'insurer', 'insurance_company'],
  }),
  column('payer_type', 'string', "Kind of payer (e.g. 'medicaid', 'medicare', 'commercial').", {
    synonyms: ['payor_type', 'insurance_type', 'coverage_type'],
  }),
  column('plan', 'string', 'The health plan or program within the payer.', {
    required: true,
    synonyms: ['plan_name', 'plan_id', 'plan_code', 'health_plan', 'benefit_plan', 'line_of_business', 'lob'],
  }),
  column('enrollment_start_date', 'date', 'First day of the enrollment span.', {
    required: true,
    phi: true,
    synonyms: ['eligibility_start_date', 'enrollment_begin_date', 'coverage_start_date', 'effective_date', 'eff_date', 'elig_start_date', 'enroll_start_date', 'start_date'],
  }),
  column('enrollment_end_date', 'date', 'Last day of the enrollment span; empty while it is open.', {
    phi: true,
    synonyms: ['eligibility_end_date', 'coverage_end_date', 'termination_date', 'term_date', 'elig_end_date', 'enroll_end_date', 'end_date'],
  }),
  column('dual_status_code', 'string', 'Medicare-Medicaid dual eligibility status code.', {
    synonyms: ['dual_status', 'dual_eligibility_code', 'dual_code'],
  }),
  column('medicare_status_code', 'string', 'Medicare status (reason for entitlement) code.', {
    synonyms: ['medicare_status', 'mdcr_status_code'],
  }),
  column('first_name', 'string', "Member's first name.", {
    phi: true,
    synonyms: ['member_first_name', 'patient_first_name', 'recipient_first_name', 'fname', 'given_name'],
  }),
  column('last_name', 'string', "Member's last name.", {
    phi: true,
    synonyms: ['member_last_name', 'patient_last_name', 'recipient_last_name', 'lname', 'surname', 'family_name'],
  }),
  column('birth_date', 'date', "Member's date of birth.", {
    required: true,
    phi: true,
    synonyms: ['date_of_birth', 'dob', 'member_dob', 'member_birth_date', 'patient_birth_date', 'patient_dob'],
  }),
  column('death_date', 'date', "Member's date of death, if known.", {
    phi: true,
    synonyms: ['date_of_death', 'dod', 'deceased_date'],
  }),
  column('gender', 'string', "Member's sex or gender (e.g. F, M, U).", {
    required: true,
    synonyms: ['sex', 'member_gender', 'member_sex', 'gender_code', 'sex_code', 'patient_gender'],
  }),
  column('race', 'string', "Member's race as reported.", { synonyms: ['race_code', 'member_race'] }),
  column('social_security_number', 'string', "Member's Social Security number.", {
    phi: true,
    synonyms: ['ssn', 'ss_number', 'soc_sec_num', 'member_ssn'],
  }),
  column('address', 'string', "Member's street address.", {
    phi: true,
    synonyms: ['address_line_1', 'address_1', 'street_address', 'member_address', 'home_address'],
  }),
  column('city', 'string', "Member's city.", { phi: true, synonyms: ['member_city', 'city_name'] }),
  column('state', 'string', "USPS code of the member's state of residence.", {
    synonyms: ['state_code', 'member_state', 'residence_state', 'medicaid_state'],
  }),
  column('zip_code', 'string', "Member's ZIP or ZIP+4.", {
    phi: true,
    synonyms: ['zip', 'postal_code', 'member_zip', 'zip5'],
  }),
  column('phone', 'string', "Member's telephone number.", {
    phi: true,
    synonyms: ['phone_number', 'telephone', 'member_phone', 'home_phone'],
  }),
];

/** Eligibility (enrollment) spans, one row per member, plan and span start (Tuva eligibility). */
export const ELIGIBILITY_SCHEMA: CanonicalSchema = {
  dataType: 'eligibility',
  table: 'eligibility',
  tuvaModel: 'eligibility',
  claimType: null,
  columns,
  businessKey: ['member_id', 'payer', 'plan', 'enrollment_start_date'],
  checks: [
    bind('medicaid_id.format', { memberId: 'member_id' }),
    bind('mbi.format', { mbi: 'mbi' }),
    bind('state.unknown', { state: 'state' }),
    bind('zip.format', { zip: 'zip_code' }),
    ...bindEach('date.format', 'date', namesOf(columns, 'date')),
    bind('dates.service_order', { from: 'enrollment_start_date', to: 'enrollment_end_date' }),
  ],
};

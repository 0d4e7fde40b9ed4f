import type { CanonicalSchema } from './canonical-schema';
import { bind, bindEach, column, numbered } from './schema-builders';

/** NPPES records up to fifteen taxonomy codes per provider, one of them flagged primary. */
const TAXONOMY_CODES = 15;
const taxonomyCodeColumns = numbered(TAXONOMY_CODES, (n) => `taxonomy_code_${n}`);

/**
 * Providers (NPPES-shaped, Tuva terminology names). Nothing here is PHI: provider identifiers,
 * names and practice addresses are published in the NPI Registry and are not identifiers of a
 * patient.
 */
export const PROVIDERS_SCHEMA: CanonicalSchema = {
  dataType: 'providers',
  table: 'providers',
  tuvaModel: null,
  claimType: null,
  columns: [
    column('npi', 'string', 'National Provider Identifier.', {
      required: true,
      synonyms: ['npi_number', 'provider_npi', 'national_provider_identifier', 'national_provider_id'],
    }),
    column('entity_type_code', 'string', 'NPPES entity type: 1 individual, 2 organization.', {
      synonyms: ['entity_type', 'npi_entity_type', 'entity_code', 'provider_type_code'],
    }),
    column('primary_taxonomy_code', 'string', 'Primary NUCC health care provider taxonomy code.', {
      required: true,
      synonyms: ['taxonomy_code', 'taxonomy', 'primary_taxonomy', 'provider_taxonomy_code', 'healthcare_provider_taxonomy_code', 'specialty_taxonomy'],
    }),
    ...numbered(TAXONOMY_CODES, (n) =>
      column(`taxonomy_code_${n}`, 'string', `Taxonomy code ${n} of the provider as the registry lists it (the primary one is also in primary_taxonomy_code).`, {
        synonyms: [`healthcare_provider_taxonomy_code_${n}`, `taxonomy_${n}`],
      }),
    ),
    column('provider_first_name', 'string', 'First name of an individual provider.', {
      synonyms: ['first_name', 'prov_first_name', 'provider_fname', 'practitioner_first_name'],
    }),
    column('provider_last_name', 'string', 'Last name of an individual provider.', {
      synonyms: ['last_name', 'prov_last_name', 'provider_lname', 'practitioner_last_name'],
    }),
    column('provider_organization_name', 'string', 'Legal business name of an organization provider.', {
      synonyms: ['organization_name', 'org_name', 'legal_business_name', 'provider_org_name', 'practice_name', 'group_name'],
    }),
    column('medicaid_provider_id', 'string', "The state Medicaid program's own provider number.", {
      synonyms: ['medicaid_provider_number', 'medicaid_id', 'state_provider_id', 'medicaid_provider_no'],
    }),
    column('practice_address_line_1', 'string', 'Practice location street address.', {
      synonyms: ['address_line_1', 'address_1', 'practice_address', 'street_address', 'address'],
    }),
    column('practice_address_line_2', 'string', 'Practice location address, second line.', {
      synonyms: ['address_line_2', 'address_2', 'practice_address_2'],
    }),
    column('practice_city', 'string', 'Practice location city.', { synonyms: ['city', 'practice_city_name', 'prov_city'] }),
    column('practice_state', 'string', 'Practice location state (USPS code).', {
      synonyms: ['state', 'state_code', 'practice_state_code', 'prov_state'],
    }),
    column('practice_zip_code', 'string', 'Practice location ZIP or ZIP+4.', {
      synonyms: ['zip', 'zip_code', 'postal_code', 'practice_zip', 'practice_postal_code', 'prov_zip'],
    }),
    column('practice_phone', 'string', 'Practice location telephone number.', {
      synonyms: ['phone', 'phone_number', 'telephone', 'practice_telephone', 'practice_phone_number'],
    }),
    column('deactivation_date', 'date', 'Day the NPI was deactivated, if it was.', {
      synonyms: ['npi_deactivation_date', 'deactivated_date'],
    }),
  ],
  businessKey: ['npi'],
  checks: [
    bind('npi.format', { npi: 'npi' }),
    bind('npi.check_digit', { npi: 'npi' }),
    bind('taxonomy.format', { taxonomy: 'primary_taxonomy_code' }),
    bind('taxonomy.not_in_code_set', { taxonomy: 'primary_taxonomy_code' }),
    ...bindEach('taxonomy.format', 'taxonomy', taxonomyCodeColumns),
    ...bindEach('taxonomy.not_in_code_set', 'taxonomy', taxonomyCodeColumns),
    bind('state.unknown', { state: 'practice_state' }),
    bind('zip.format', { zip: 'practice_zip_code' }),
    bind('date.format', { date: 'deactivation_date' }),
  ],
};

import type { CanonicalSchema } from './canonical-schema';
import { claimAmountColumns, claimIdentityColumns, claimMemberColumns, claimProcessingDateColumns } from './claim-columns';
import { claimAmountChecks, claimDateFormatChecks } from './claim-checks';
import { bind, bindEach, column } from './schema-builders';

const columns = [
  ...claimIdentityColumns(['fill_line_number']),
  ...claimMemberColumns(),
  column('mbi', 'string', 'Medicare Beneficiary Identifier, on Part D and dual-eligible claims.', {
    phi: true,
    synonyms: ['medicare_beneficiary_identifier', 'medicare_beneficiary_id', 'medicare_id', 'mbi_number', 'mbi_id'],
  }),
  column('prescribing_provider_npi', 'string', 'NPI of the prescriber.', {
    synonyms: ['prescriber_npi', 'prescribing_npi', 'prescriber_npi_number', 'prescribing_physician_npi', 'rx_prescriber_npi'],
  }),
  column('dispensing_provider_npi', 'string', 'NPI of the dispensing pharmacy.', {
    required: true,
    synonyms: ['pharmacy_npi', 'dispensing_npi', 'dispensing_pharmacy_npi', 'service_provider_npi', 'pharmacy_provider_npi'],
  }),
  column('prescription_number', 'string', "The pharmacy's prescription (Rx) number: a record number of the patient.", {
    phi: true,
    synonyms: ['rx_number', 'rx_no', 'rx_num', 'prescription_no', 'prescription_id', 'rx_id', 'prescription_reference_number'],
  }),
  column('dispensing_date', 'date', 'Day the prescription was filled.', {
    required: true,
    phi: true,
    synonyms: ['fill_date', 'date_filled', 'dispense_date', 'date_of_service', 'service_date', 'dos', 'rx_fill_date', 'date_dispensed', 'line_from_date', 'service_from_date'],
  }),
  column('ndc_code', 'string', 'National Drug Code dispensed (11 digits, 5-4-2, with or without hyphens).', {
    required: true,
    synonyms: ['ndc', 'ndc_11', 'ndc_number', 'product_id', 'drug_code', 'product_service_id'],
  }),
  column('quantity', 'decimal', 'Quantity dispensed, in NCPDP billing units (each, mL, g).', {
    required: true,
    synonyms: ['quantity_dispensed', 'qty', 'qty_dispensed', 'metric_quantity', 'dispensed_quantity', 'units_dispensed'],
  }),
  column('days_supply', 'integer', 'Days the fill is meant to last.', {
    required: true,
    synonyms: ['days_supplied', 'day_supply', 'days_of_supply', 'supply_days', 'ds'],
  }),
  column('refills', 'integer', 'Refill number of this fill (0 for the original).', {
    synonyms: ['refill_number', 'refill_no', 'fill_number', 'refills_authorized', 'number_of_refills'],
  }),
  ...claimProcessingDateColumns(),
  ...claimAmountColumns({ chargeRequired: false }),
  column('ingredient_cost_amount', 'decimal', 'Ingredient cost paid.', {
    synonyms: ['ingredient_cost', 'ingredient_cost_paid', 'ingred_cost', 'ingredient_cost_amt'],
  }),
  column('dispensing_fee_amount', 'decimal', 'Dispensing fee paid.', {
    synonyms: ['dispensing_fee', 'dispensing_fee_paid', 'disp_fee', 'dispense_fee'],
  }),
];

/**
 * Pharmacy claims (Medicare Part D PDE-like or Medicaid pharmacy, NCPDP-shaped), one row per fill.
 * The fill date is the service date of every date rule.
 */
export const PHARMACY_CLAIMS_SCHEMA: CanonicalSchema = {
  dataType: 'pharmacy_claims',
  table: 'pharmacy_claims',
  tuvaModel: 'pharmacy_claim',
  claimType: 'pharmacy',
  columns,
  businessKey: ['claim_id', 'claim_line_number'],
  checks: [
    bind('state_pack.claim_type', { claimType: '=pharmacy' }),
    bind('medicaid_id.format', { memberId: 'member_id' }),
    bind('mbi.format', { mbi: 'mbi' }),
    bind('state.unknown', { state: 'medicaid_state' }),
    ...bindEach('npi.format', 'npi', ['prescribing_provider_npi', 'dispensing_provider_npi']),
    ...bindEach('npi.check_digit', 'npi', ['prescribing_provider_npi', 'dispensing_provider_npi']),
    bind('ndc.format', { ndc: 'ndc_code' }),
    ...claimDateFormatChecks(columns),
    bind('dates.service_in_future', { from: 'dispensing_date', to: 'dispensing_date' }),
    bind('dates.received_before_service', { received: 'claim_received_date', serviceEnd: 'dispensing_date' }),
    bind('business.timely_filing', { received: 'claim_received_date', serviceEnd: 'dispensing_date' }),
    ...claimAmountChecks(columns),
  ],
};

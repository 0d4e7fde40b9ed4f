/**
 * Which rule each defect the synthetic generator plants (`DefectKind` in @ade/synthetic) must
 * fail, under the professional_claims bindings plus the data-set rules (duplicates, and the
 * cross-table rules against the run's providers and eligibility files): exactly one failing check
 * per defective row. The keys are the generator's defect kinds (a test keeps the two lists
 * equal); the healthcare library does not import the generator.
 *
 * - npi_check_digit: the billing or the rendering NPI keeps its 10-digit shape, so only
 *   `npi.check_digit` on that one column fails.
 * - malformed_diagnosis: `icd10cm.format` on the one mangled diagnosis column; the code-set rules
 *   on that column pass values that are not well formed.
 * - malformed_procedure: `procedure.format` on hcpcs_code; `hcpcs.not_in_code_set` only judges
 *   HCPCS Level II shapes.
 * - paid_exceeds_charge: allowed <= charge < paid, so paid also exceeds allowed and only
 *   `amounts.paid_exceeds_allowed` fails (`amounts.allowed_exceeds_billed` holds).
 * - future_service_date: the line is a claim of its own; `dates.service_in_future` is bound once,
 *   on the line dates. Its received date follows service within 30 days, so neither
 *   `dates.received_before_service` nor `business.timely_filing` fails, and no rule looks at a
 *   received date after asOf.
 * - duplicate_line: a byte copy of an earlier clean row; only the engine's data-set rule over the
 *   business key (claim_id, claim_line_number) fails.
 *
 * Opt-in kinds (planted only when the generator is asked for them):
 *
 * - service_outside_eligibility: a one-line claim of a former member, present in the eligibility
 *   file with spans that all ended before the service window; only the cross-table
 *   `business.eligibility_span` fails (its line dates are in order and in the past, and open or
 *   late-ending spans of current members cover even future-dated lines, so no other row fails it).
 * - unknown_provider: rendering_npi is well formed with a right check digit but absent from the
 *   providers file; the billing NPI is listed. Only the cross-table `integrity.unknown_provider`
 *   fails, provided it passes NPIs that fail `npi.format` or `npi.check_digit` (those rows are
 *   npi_check_digit defects and their NPI is not in the providers file either).
 * - missing_required: `units` (service_unit_quantity) is empty; no binding reads it, so only the
 *   engine's `required.missing` fails.
 * - service_dates_reversed: a one-line claim whose line end precedes its line start; the
 *   claim-level pair stays in order, so only the line-level `dates.service_order` binding fails
 *   (reported on claim_line_start_date). Both line dates are inside the claim span and the window.
 * - late_filing: a one-line claim received more days after its claim end than the longest
 *   timely-filing limit of any shipped pack, on or before asOf: `business.timely_filing` fails
 *   under every pack (reported on claim_received_date); the received date follows service and the
 *   service is in the past, so the other date rules pass.
 */
export const GENERATOR_DEFECT_RULES = {
  npi_check_digit: 'npi.check_digit',
  malformed_diagnosis: 'icd10cm.format',
  malformed_procedure: 'procedure.format',
  paid_exceeds_charge: 'amounts.paid_exceeds_allowed',
  future_service_date: 'dates.service_in_future',
  duplicate_line: 'integrity.duplicate_line',
  service_outside_eligibility: 'business.eligibility_span',
  unknown_provider: 'integrity.unknown_provider',
  missing_required: 'required.missing',
  service_dates_reversed: 'dates.service_order',
  late_filing: 'business.timely_filing',
} as const satisfies Record<string, string>;

export type GeneratorDefectKind = keyof typeof GENERATOR_DEFECT_RULES;

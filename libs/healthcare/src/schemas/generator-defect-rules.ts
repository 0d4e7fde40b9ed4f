/**
 * Which rule each defect the synthetic generator plants (`DefectKind` in @ade/synthetic) must
 * fail, under the professional_claims bindings: exactly one failing check per defective row.
 * The keys are the generator's defect kinds (a test keeps the two lists equal); the healthcare
 * library does not import the generator.
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
 */
export const GENERATOR_DEFECT_RULES = {
  npi_check_digit: 'npi.check_digit',
  malformed_diagnosis: 'icd10cm.format',
  malformed_procedure: 'procedure.format',
  paid_exceeds_charge: 'amounts.paid_exceeds_allowed',
  future_service_date: 'dates.service_in_future',
  duplicate_line: 'integrity.duplicate_line',
} as const satisfies Record<string, string>;

export type GeneratorDefectKind = keyof typeof GENERATOR_DEFECT_RULES;

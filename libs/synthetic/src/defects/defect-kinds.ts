/**
 * The defects the generator can plant, one per defective row, each breaking exactly one rule so a
 * validator can be checked rule by rule with exact counts.
 *
 * Planted by default (DEFAULT_DEFECT_KINDS; the default output depends on this list, so it stays
 * as it is):
 *
 * - `npi_check_digit`: `billing_npi` or `rendering_npi` has a wrong Luhn check digit (still 10
 *   digits starting with 1 or 2, so only the check digit is wrong).
 * - `malformed_diagnosis`: one filled `diagnosis_code_N` is not shaped like an ICD-10-CM code
 *   (`11E.9`, `E1`, `E11.91234`, `E1.19`, `E11.`).
 * - `malformed_procedure`: `hcpcs_code` is neither a CPT code (5 digits, or 4 digits + F/T) nor a
 *   HCPCS Level II code (letter + 4 digits): `9921`, `992134`, `J123`, `AB123`, `J12345`.
 * - `paid_exceeds_charge`: `paid_amount` > `charge_amount`, with `allowed_amount` <= `charge_amount`
 *   kept (allowed <= charge < paid). Paid then necessarily also exceeds allowed: both are the one
 *   amount-ordering rule (paid <= allowed <= charge) failing on the paid side.
 * - `future_service_date`: the line's service dates are after `asOf` (1..365 days). Such a line is
 *   always a claim of its own, so no other line's claim dates move; its claim dates equal its line
 *   dates and its received date still follows service, which puts the received date after `asOf`
 *   as well: that is the same defect, not a second one.
 * - `duplicate_line`: an exact byte copy of an earlier defect-free row (same claim_id and
 *   claim_line_number). The first occurrence is clean; the later copy is the defect. When the
 *   original carries a repairable variant (`repairableRate`), the copy is of its clean form, so
 *   the two are byte-identical once repaired and the copy carries nothing but the duplication.
 *
 * Planted only when listed in `defectKinds` (OPT_IN_DEFECT_KINDS). The first two are cross-table:
 * they are defects only against the reference files (writeReferenceFiles) of the same run.
 *
 * - `service_outside_eligibility`: the line is a claim of its own for a former member, whose
 *   enrollment spans in the eligibility file all ended before the service window. The member is in
 *   the eligibility file; no span covers the line's service dates.
 * - `unknown_provider`: `rendering_npi` is a well-formed NPI with a correct check digit that is not
 *   in the providers file; the billing NPI of the row is listed.
 * - `missing_required`: `units` (required, read by no other rule) is empty.
 * - `service_dates_reversed`: the line is a claim of its own whose line dates are swapped (line
 *   end the day before or up to six days before the line start); the claim dates stay in order and
 *   span both line dates.
 * - `late_filing`: the line is a claim of its own received more days after its service end than
 *   the longest timely-filing limit of any shipped state pack (and on or before `asOf`), so it is
 *   late under whichever pack validates it.
 */
export const DEFAULT_DEFECT_KINDS = [
  'npi_check_digit',
  'malformed_diagnosis',
  'malformed_procedure',
  'paid_exceeds_charge',
  'future_service_date',
  'duplicate_line',
] as const;

export const OPT_IN_DEFECT_KINDS = [
  'service_outside_eligibility',
  'unknown_provider',
  'missing_required',
  'service_dates_reversed',
  'late_filing',
] as const;

/** Every kind, defaults first: the canonical order a run plants them in, whatever order they are asked in. */
export const DEFECT_KINDS = [...DEFAULT_DEFECT_KINDS, ...OPT_IN_DEFECT_KINDS] as const;

export type DefectKind = (typeof DEFECT_KINDS)[number];

/** Kinds that are defects only against the run's providers or eligibility file, not within the claims file. */
export const CROSS_TABLE_DEFECT_KINDS = ['service_outside_eligibility', 'unknown_provider'] as const satisfies readonly DefectKind[];

export function isDefectKind(value: string): value is DefectKind {
  return (DEFECT_KINDS as readonly string[]).includes(value);
}

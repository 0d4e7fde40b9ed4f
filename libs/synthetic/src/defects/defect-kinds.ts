/**
 * The defects the generator can plant, one per defective row, each breaking exactly one rule so a
 * validator can be checked rule by rule with exact counts:
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
 *   claim_line_number). The first occurrence is clean; the later copy is the defect.
 */
export const DEFECT_KINDS = [
  'npi_check_digit',
  'malformed_diagnosis',
  'malformed_procedure',
  'paid_exceeds_charge',
  'future_service_date',
  'duplicate_line',
] as const;

export type DefectKind = (typeof DEFECT_KINDS)[number];

export function isDefectKind(value: string): value is DefectKind {
  return (DEFECT_KINDS as readonly string[]).includes(value);
}

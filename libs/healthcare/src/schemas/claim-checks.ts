import { CONSTANT_PREFIX, type CanonicalColumn, type CheckBinding } from './canonical-schema';
import { bind, bindEach, namesOf, numbered } from './schema-builders';

/**
 * Bindings the claim schemas share. Each value is judged by one binding per rule, so a planted
 * defect fails exactly one check: a malformed code fails only its format rule (code-set rules
 * pass a value that is not well formed), a malformed date fails only `date.format` (ordering and
 * future rules pass dates they cannot parse).
 */
export function diagnosisChecks(count: number, serviceDate: string): CheckBinding[] {
  const codes = numbered(count, (n) => `diagnosis_code_${n}`);
  // The claim's code type, or failing that the date of service, says which code set a diagnosis is from.
  const codeType = 'diagnosis_code_type';
  return [
    ...codes.map((code) => bind('icd10cm.format', { code, serviceDate, codeType })),
    ...codes.map((code) => bind('icd10cm.header_code', { code, serviceDate, codeType })),
    ...codes.map((code) => bind('icd10cm.not_valid_on_date', { code, serviceDate, codeType })),
    ...codes.map((code) => bind('icd9cm.format', { code, serviceDate, codeType })),
    ...codes.map((code) => bind('snomedct.format', { code, codeType })),
  ];
}

/**
 * The line's CPT/HCPCS code and modifiers. An institutional line's revenue code says when the
 * code is a HIPPS rate code; a professional line has none (the empty constant).
 */
export function procedureLineChecks(revenueCode: string = CONSTANT_PREFIX): CheckBinding[] {
  const code = { code: 'hcpcs_code', revenueCode };
  return [
    bind('procedure.format', code),
    bind('hcpcs.not_in_code_set', code),
    ...bindEach('hcpcs.modifier_format', 'modifier', numbered(5, (n) => `hcpcs_modifier_${n}`)),
  ];
}

/** `date.format` on every date column of the schema. */
export function claimDateFormatChecks(columns: readonly CanonicalColumn[]): CheckBinding[] {
  return bindEach('date.format', 'date', namesOf(columns, 'date'));
}

/** Format and sign of every amount, and the paid <= allowed <= billed ordering (paid <= billed when allowed is missing). */
export function claimAmountChecks(columns: readonly CanonicalColumn[]): CheckBinding[] {
  const amounts = namesOf(columns, 'decimal').filter((name) => name.endsWith('_amount'));
  return [
    ...bindEach('amount.format', 'amount', amounts),
    ...bindEach('amount.negative', 'amount', amounts),
    bind('amounts.paid_exceeds_allowed', { paid: 'paid_amount', allowed: 'allowed_amount' }),
    bind('amounts.allowed_exceeds_billed', { allowed: 'allowed_amount', billed: 'charge_amount' }),
    bind('amounts.paid_exceeds_billed', { paid: 'paid_amount', billed: 'charge_amount', allowed: 'allowed_amount' }),
  ];
}

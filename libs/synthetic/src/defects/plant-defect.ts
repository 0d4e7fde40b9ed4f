import { isIcd10CmFormat, isProcedureCodeFormat, npiCheckDigit } from '@ade/healthcare';
import {
  COLUMN,
  DIAGNOSIS_COLUMNS,
  type ClaimLineFields,
  type ProfessionalClaimColumn,
} from '../claims/professional-claim-columns';
import { centsOf, formatCents } from '../claims/money';
import type { ProviderDirectory } from '../people/providers';
import type { Random } from '../random/random';
import type { DefectKind } from './defect-kinds';
import type { OwnClaimDefectKind } from './own-claim-defects';

/**
 * Defects that change one field of an otherwise valid line, in place. Each returns the column it
 * broke, for the manifest. Claim-level defects (OWN_CLAIM_DEFECTS) and duplicates are planted
 * where rows are produced, not here, because they shape a whole claim or a whole row.
 */
export type FieldDefectKind = Exclude<DefectKind, OwnClaimDefectKind | 'duplicate_line'>;

export function plantFieldDefect(
  kind: FieldDefectKind,
  fields: ClaimLineFields,
  random: Random,
  providers: ProviderDirectory,
): ProfessionalClaimColumn {
  switch (kind) {
    case 'npi_check_digit':
      return plantNpiCheckDigit(fields, random);
    case 'malformed_diagnosis':
      return plantMalformedDiagnosis(fields, random);
    case 'malformed_procedure':
      return plantMalformedProcedure(fields, random);
    case 'paid_exceeds_charge':
      return plantPaidExceedsCharge(fields, random);
    case 'unknown_provider':
      return plantUnknownProvider(fields, random, providers);
    case 'missing_required':
      return plantMissingRequired(fields);
  }
}

/** Same length and leading digit, only the Luhn digit wrong. */
export function plantNpiCheckDigit(fields: ClaimLineFields, random: Random): ProfessionalClaimColumn {
  const column = random.chance(0.5) ? 'billing_npi' : 'rendering_npi';
  const npi = fields[COLUMN[column]]!;
  const correct = npiCheckDigit(npi.slice(0, 9));
  const wrong = (correct + random.int(1, 9)) % 10;
  fields[COLUMN[column]] = npi.slice(0, 9) + String(wrong);
  return column;
}

/** Typical ways a diagnosis code gets mangled by hand entry or a bad export. */
const DIAGNOSIS_MANGLERS: ReadonlyArray<(dotted: string) => string> = [
  // Letter moved behind the digits: E11.9 → 11E.9
  (code) => code.slice(1, 3) + code[0] + code.slice(3),
  // Truncated to two characters: E11.9 → E1
  (code) => code.slice(0, 2),
  // Too many characters after the dot: E11.9 → E11.91234
  (code) => `${code.slice(0, 3)}.${(code.slice(4) + '12345').slice(0, 5)}`,
  // Dot in the wrong place: E11.9 → E1.19
  (code) => `${code.slice(0, 2)}.${code.slice(2).replace('.', '')}`,
  // Dangling dot: E11.9 → E11.
  (code) => `${code.slice(0, 3)}.`,
];

export function plantMalformedDiagnosis(fields: ClaimLineFields, random: Random): ProfessionalClaimColumn {
  const filled = DIAGNOSIS_COLUMNS.filter((column) => fields[COLUMN[column]] !== '');
  const column = random.pick(filled);
  const code = fields[COLUMN[column]]!;
  // A mangling can land on a valid shape for unusual codes (QA0.8 with its letter moved is A0Q.8),
  // so try the others in turn; truncation to two characters always breaks the shape.
  const first = random.int(0, DIAGNOSIS_MANGLERS.length - 1);
  for (let offset = 0; offset < DIAGNOSIS_MANGLERS.length; offset += 1) {
    const mangled = DIAGNOSIS_MANGLERS[(first + offset) % DIAGNOSIS_MANGLERS.length]!(code);
    if (!isIcd10CmFormat(mangled)) {
      fields[COLUMN[column]] = mangled;
      return column;
    }
  }
  throw new Error(`No malformed form found for diagnosis ${code}`);
}

/** None of these is 5 digits, 4 digits + F/T, or a letter + 4 digits. */
const PROCEDURE_MANGLERS: ReadonlyArray<(random: Random) => string> = [
  (random) => String(random.int(1000, 9999)),
  (random) => String(random.int(100000, 999999)),
  (random) => letter(random) + String(random.int(100, 999)),
  (random) => letter(random) + letter(random) + String(random.int(100, 999)),
  (random) => letter(random) + String(random.int(10000, 99999)),
];

export function plantMalformedProcedure(fields: ClaimLineFields, random: Random): ProfessionalClaimColumn {
  const malformed = random.pick(PROCEDURE_MANGLERS)(random);
  if (isProcedureCodeFormat(malformed)) throw new Error(`Procedure mangler produced a valid shape: ${malformed}`);
  fields[COLUMN.hcpcs_code] = malformed;
  return 'hcpcs_code';
}

/** allowed <= charge < paid: only the paid side of the amount ordering breaks. */
export function plantPaidExceedsCharge(fields: ClaimLineFields, random: Random): ProfessionalClaimColumn {
  const charge = centsOf(fields[COLUMN.charge_amount]!);
  fields[COLUMN.paid_amount] = formatCents(charge + random.int(1, Math.max(1, Math.floor(charge / 4))));
  return 'paid_amount';
}

/**
 * A rendering NPI that is valid but missing from the providers file. Only the rendering side: the
 * billing NPI stays the group's listed one, so the row has one unknown provider.
 */
export function plantUnknownProvider(fields: ClaimLineFields, random: Random, providers: ProviderDirectory): ProfessionalClaimColumn {
  fields[COLUMN.rendering_npi] = providers.unlistedNpi(random);
  return 'rendering_npi';
}

/**
 * Blanks `units`: required (service_unit_quantity), line-level, and read by no rule but
 * required.missing. Other required columns are read by a second rule (hcpcs_code, charge_amount),
 * repeat across the claim's lines (diagnosis_code_1, place_of_service_code), identify the row or
 * the member (claim_id, claim_line_number, member_id, billing_npi) or date it.
 */
export function plantMissingRequired(fields: ClaimLineFields): ProfessionalClaimColumn {
  fields[COLUMN.units] = '';
  return 'units';
}

function letter(random: Random): string {
  return String.fromCharCode(65 + random.int(0, 25));
}

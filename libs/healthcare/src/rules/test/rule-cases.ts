import type { RuleInputs } from '../rule';
import {
  amountValue,
  claimTypeValues,
  codeTypeValue,
  codeValues,
  dateValue,
  diagnosisValues,
  mbiValues,
  memberIdValues,
  modifierValues,
  ndcValues,
  npiValues,
  posValues,
  requiredValues,
  stateValues,
  taxonomyValues,
  zipValues,
  type ValueSource,
} from './role-values';
import { adjustmentValues, claimStatusValues, lineBalanceValues, remarkValues } from './remittance-values';
import type { SeededRandom } from './seeded-random';

type CaseMaker = (random: SeededRandom, asOf: string) => RuleInputs;

const single =
  (role: string, values: ValueSource): CaseMaker =>
  (random) => ({ [role]: values(random) });

/** Two dates that are often close to each other, so both orders and equality are common. */
function datePair(first: string, second: string, spreadDays: number): CaseMaker {
  return (random, asOf) => {
    const a = dateValue(random, [asOf]);
    const b = random.chance(0.5) ? shiftedIso(a, random.int(-spreadDays, spreadDays)) : dateValue(random, [asOf]);
    return { [first]: a, [second]: b };
  };
}

function shiftedIso(value: string | null, days: number): string | null {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const amountPair =
  (first: string, second: string): CaseMaker =>
  (random) => {
    const a = amountValue(random);
    return { [first]: a, [second]: amountValue(random, a) };
  };

/** A diagnosis with its date of service and code type, often near the ICD-10-CM start. */
const diagnosis: CaseMaker = (random, asOf) => ({ code: diagnosisValues(random), serviceDate: dateValue(random, [asOf]), codeType: codeTypeValue(random) });

/** Input generators for every rule id. */
export const CASE_MAKERS: Readonly<Record<string, CaseMaker>> = {
  'npi.format': single('npi', npiValues),
  'npi.check_digit': single('npi', npiValues),
  'icd10cm.format': diagnosis,
  'icd10cm.header_code': diagnosis,
  'icd10cm.not_valid_on_date': diagnosis,
  'icd9cm.format': diagnosis,
  'snomedct.format': diagnosis,
  'icd10pcs.format': single('code', codeValues),
  'procedure.format': single('code', codeValues),
  'cpt.format': single('code', codeValues),
  'hcpcs.format': single('code', codeValues),
  'hcpcs.not_in_code_set': single('code', codeValues),
  'hcpcs.modifier_format': single('modifier', modifierValues),
  'ndc.format': single('ndc', ndcValues),
  'mbi.format': single('mbi', mbiValues),
  'medicaid_id.format': single('memberId', memberIdValues),
  'taxonomy.format': single('taxonomy', taxonomyValues),
  'taxonomy.not_in_code_set': single('taxonomy', taxonomyValues),
  'place_of_service.unknown': single('pos', posValues),
  'state.unknown': single('state', stateValues),
  'zip.format': single('zip', zipValues),
  'date.format': (random, asOf) => ({ date: dateValue(random, [asOf]) }),
  'dates.service_order': datePair('from', 'to', 3),
  'dates.service_in_future': datePair('from', 'to', 3),
  'dates.received_before_service': datePair('received', 'serviceEnd', 3),
  'business.timely_filing': datePair('received', 'serviceEnd', 400),
  'amount.format': (random) => ({ amount: amountValue(random) }),
  'amount.negative': (random) => ({ amount: amountValue(random) }),
  'amounts.paid_exceeds_allowed': amountPair('paid', 'allowed'),
  'amounts.allowed_exceeds_billed': amountPair('allowed', 'billed'),
  'amounts.paid_exceeds_billed': (random) => {
    const paid = amountValue(random);
    return { paid, billed: amountValue(random, paid), allowed: random.pick([null, null, amountValue(random, paid)]) };
  },
  'remittance.claim_status': single('status', claimStatusValues),
  'remittance.adjustment_format': single('adjustments', adjustmentValues),
  'remittance.remark_format': single('remarks', remarkValues),
  'remittance.line_balance': lineBalanceValues,
  'state_pack.claim_type': single('claimType', claimTypeValues),
  'required.missing': single('value', requiredValues),
};

import { loadHcpcsLevel2Codes } from '../../codesets/hcpcs-level2';
import { loadPlaceOfServiceCodes } from '../../codesets/place-of-service';
import { loadStateCodes } from '../../codesets/state-codes';
import { isIsoDate, isoDateToEpochDay } from '../../dates/iso-date';
import { isIcd10CmFormat } from '../../formats/icd10cm-format';
import { isHcpcsLevel2Format, isProcedureCodeFormat } from '../../formats/procedure-code-format';
import { isValidNpi } from '../../identifiers/npi';
import type { StatePack } from '../../states/state-pack';
import type { CanonicalSchema } from '../canonical-schema';
import type { CheckRuleId } from '../check-rule-roles';

/**
 * Test-only stand-ins for the rules the professional bindings use, so the schema's bindings can
 * be checked against the generator's planted defects without the real rule implementations
 * (libs/healthcare/src/rules, written separately). Each follows the rule contract: absent inputs
 * pass, and a rule passes values another rule owns (code-set rules pass malformed codes, date
 * rules pass unparseable dates). The ICD-10-CM code-set rules are not modelled: the generator
 * draws only codes billable on the service date, which the synthetic suite checks itself.
 */
type Inputs = Readonly<Record<string, string | null>>;
type StandIn = (inputs: Inputs, env: { asOf: string; pack: StatePack }) => boolean;

const day = (value: string | null) => (value === null ? undefined : isoDateToEpochDay(value));
const cents = (value: string | null) => (value === null || !/^-?\d+(\.\d{1,2})?$/.test(value) ? undefined : Math.round(Number(value) * 100));
const pass = () => true;

const STAND_INS: Partial<Record<CheckRuleId, StandIn>> = {
  'npi.format': ({ npi }) => npi == null || /^[12]\d{9}$/.test(npi),
  'npi.check_digit': ({ npi }) => npi == null || !/^[12]\d{9}$/.test(npi) || isValidNpi(npi),
  'icd10cm.format': ({ code }) => code == null || isIcd10CmFormat(code),
  'icd10cm.header_code': pass,
  'icd10cm.not_valid_on_date': pass,
  // The generator's service dates are all in the ICD-10-CM era, which icd9cm.format passes.
  'icd9cm.format': pass,
  // The generator writes ICD-10-CM diagnoses, never SNOMED CT ones.
  'snomedct.format': pass,
  'procedure.format': ({ code }) => code == null || isProcedureCodeFormat(code),
  'hcpcs.not_in_code_set': ({ code }) => code == null || !isHcpcsLevel2Format(code) || loadHcpcsLevel2Codes().has(code),
  'hcpcs.modifier_format': ({ modifier }) => modifier == null || /^[A-Z0-9]{2}$/.test(modifier),
  'medicaid_id.format': ({ memberId }, { pack }) => memberId == null || new RegExp(pack.medicaidMemberIdPattern).test(memberId),
  'place_of_service.unknown': ({ pos }) => pos == null || loadPlaceOfServiceCodes().has(pos),
  'state.unknown': ({ state }) => state == null || loadStateCodes().has(state),
  'date.format': ({ date }) => date == null || isIsoDate(date),
  'dates.service_order': ({ from, to }) => !(day(from!) !== undefined && day(to!) !== undefined && day(from!)! > day(to!)!),
  'dates.service_in_future': ({ from, to }, { asOf }) => [from, to].every((d) => day(d!) === undefined || d! <= asOf),
  'dates.received_before_service': ({ received, serviceEnd }) =>
    !(day(received!) !== undefined && day(serviceEnd!) !== undefined && day(received!)! < day(serviceEnd!)!),
  'business.timely_filing': ({ received, serviceEnd }, { pack }) =>
    !(day(received!) !== undefined && day(serviceEnd!) !== undefined && day(received!)! - day(serviceEnd!)! > pack.timelyFilingDays),
  'amount.format': ({ amount }) => amount == null || cents(amount) !== undefined,
  'amount.negative': ({ amount }) => cents(amount) === undefined || cents(amount)! >= 0,
  'amounts.paid_exceeds_allowed': ({ paid, allowed }) => !(cents(paid) !== undefined && cents(allowed) !== undefined && cents(paid)! > cents(allowed)!),
  'amounts.allowed_exceeds_billed': ({ allowed, billed }) =>
    !(cents(allowed) !== undefined && cents(billed) !== undefined && cents(allowed)! > cents(billed)!),
  'amounts.paid_exceeds_billed': ({ paid, billed, allowed }) =>
    cents(allowed) !== undefined || !(cents(paid) !== undefined && cents(billed) !== undefined && cents(paid)! > cents(billed)!),
  'state_pack.claim_type': ({ claimType }, { pack }) => claimType == null || (pack.allowedClaimTypes as string[]).includes(claimType),
};

/** Every failing check of each row, as `rule(column)`; rows are canonical records (absent = null). */
export function failingChecks(
  schema: CanonicalSchema,
  records: ReadonlyArray<Readonly<Record<string, string>>>,
  env: { asOf: string; pack: StatePack },
): string[][] {
  const required = [...schema.columns.filter((c) => c.required).map((c) => c.name), ...(env.pack.requiredFields[schema.dataType] ?? [])];
  const seenKeys = new Set<string>();
  return records.map((record) => {
    const value = (target: string) => (target.startsWith('=') ? target.slice(1) : record[target] || null);
    const failures: string[] = [];
    for (const binding of schema.checks) {
      const standIn = STAND_INS[binding.rule as CheckRuleId];
      if (!standIn) throw new Error(`no stand-in for ${binding.rule}`);
      const inputs = Object.fromEntries(Object.entries(binding.columns).map(([role, target]) => [role, value(target)]));
      if (!standIn(inputs, env)) failures.push(`${binding.rule}(${Object.values(binding.columns)[0]})`);
    }
    for (const column of required) if (!value(column)) failures.push(`required.missing(${column})`);
    const key = JSON.stringify(schema.businessKey.map((column) => record[column] ?? ''));
    if (seenKeys.has(key)) failures.push(`integrity.duplicate_line(${schema.businessKey[0]})`);
    seenKeys.add(key);
    return failures;
  });
}

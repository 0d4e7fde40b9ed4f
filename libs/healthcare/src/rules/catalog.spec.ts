import { describe, expect, it } from 'vitest';
import { CHECK_RULE_ROLES } from '../schemas/check-rule-roles';
import { RULES, ruleById, UnknownRuleError } from './catalog';
import type { RuleInputs } from './rule';
import { DEFAULT_ENV } from './test/verdicts';

describe('rule catalog', () => {
  it('has unique ids and finds each by id', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) expect(ruleById(rule.id)).toBe(rule);
    expect(() => ruleById('npi.luhn')).toThrow(UnknownRuleError);
    const error = (() => {
      try {
        ruleById('npi.luhn');
      } catch (thrown) {
        return thrown as UnknownRuleError;
      }
      return null;
    })();
    expect(error).toMatchObject({ name: 'UnknownRuleError', code: 'unknown_rule', message: 'no healthcare rule has the id "npi.luhn"' });
  });

  it('tells a reader what each rule checks and a data steward what failed, in words of its own', () => {
    // Reports, the API and the CLI show these: an empty or shared text would leave a failure unexplained.
    for (const rule of RULES) {
      expect(rule.description, rule.id).toMatch(/^[A-Z0-9].{40,}[.)]$/s);
      expect(rule.message, rule.id).toMatch(/^[A-Za-z0-9].{10,}[^.]$/);
    }
    expect(new Set(RULES.map((rule) => rule.message)).size).toBe(RULES.length);
    expect(new Set(RULES.map((rule) => rule.description)).size).toBe(RULES.length);
  });

  it('matches the roles the canonical schemas bind, plus required.missing', () => {
    const roles = Object.fromEntries(RULES.map((rule) => [rule.id, [...rule.roles]]));
    expect(roles).toEqual({ ...CHECK_RULE_ROLES, 'required.missing': ['value'] });
  });

  it('requires a subset of its roles; only required.missing requires nothing', () => {
    for (const rule of RULES) {
      expect(rule.requires.every((role) => rule.roles.includes(role)), rule.id).toBe(true);
      expect(rule.requires.length === 0, rule.id).toBe(rule.id === 'required.missing');
    }
  });

  it('is an error everywhere except the two documented warnings', () => {
    expect(RULES.filter((rule) => rule.severity === 'warning').map((rule) => rule.id)).toEqual(['hcpcs.modifier_format', 'taxonomy.not_in_code_set']);
  });

  it('passes a record whose required inputs are absent', () => {
    for (const rule of RULES.filter((r) => r.requires.length > 0)) {
      const inputs = Object.fromEntries(rule.roles.map((role) => [role, null]));
      expect(rule.test(inputs, DEFAULT_ENV), rule.id).toBe(true);
    }
  });
});

/** Planted defects, each of which must fail exactly one rule of the catalog. */
const DEFECTS: Array<{ defect: string; rules: string[]; inputs: RuleInputs; fails: string }> = [
  { defect: 'NPI with 9 digits', rules: ['npi.format', 'npi.check_digit'], inputs: { npi: '123456789' }, fails: 'npi.format' },
  { defect: 'NPI with a wrong check digit', rules: ['npi.format', 'npi.check_digit'], inputs: { npi: '1234567890' }, fails: 'npi.check_digit' },
  ...icd('lower-case code', { code: 'e11.9', serviceDate: '2024-01-01' }, 'icd10cm.format'),
  ...icd('category code', { code: 'E11', serviceDate: '2024-01-01' }, 'icd10cm.header_code'),
  ...icd('retired code', { code: 'M54.5', serviceDate: '2023-06-01' }, 'icd10cm.header_code'),
  ...icd('code before its start', { code: 'U07.1', serviceDate: '2020-03-01' }, 'icd10cm.not_valid_on_date'),
  ...icd('made-up code', { code: 'E11.99', serviceDate: '2024-01-01' }, 'icd10cm.not_valid_on_date'),
  { defect: 'HCPCS not in the list', rules: ['procedure.format', 'hcpcs.not_in_code_set'], inputs: { code: 'J0000' }, fails: 'hcpcs.not_in_code_set' },
  { defect: 'HCPCS with a W', rules: ['procedure.format', 'hcpcs.not_in_code_set'], inputs: { code: 'W1234' }, fails: 'procedure.format' },
  { defect: 'taxonomy in lower case', rules: ['taxonomy.format', 'taxonomy.not_in_code_set'], inputs: { taxonomy: '207q00000x' }, fails: 'taxonomy.format' },
  { defect: 'unknown taxonomy', rules: ['taxonomy.format', 'taxonomy.not_in_code_set'], inputs: { taxonomy: '999ZZ9999X' }, fails: 'taxonomy.not_in_code_set' },
  ...amount('amount with a $', { paid: '$5', allowed: '4' }, 'amount.format'),
  ...amount('negative amount', { paid: '-5', allowed: '4' }, 'amount.negative'),
  ...amount('paid over allowed', { paid: '5', allowed: '4' }, 'amounts.paid_exceeds_allowed'),
  ...dates('impossible date', { from: '2025-02-30', to: '2025-01-01' }, 'date.format'),
  ...dates('service dates reversed', { from: '2025-01-02', to: '2025-01-01' }, 'dates.service_order'),
  ...dates('service in the future', { from: '2027-01-01', to: '2027-01-01' }, 'dates.service_in_future'),
];

function icd(defect: string, inputs: RuleInputs, fails: string) {
  return [{ defect, rules: ['icd10cm.format', 'icd10cm.header_code', 'icd10cm.not_valid_on_date'], inputs, fails }];
}

function amount(defect: string, inputs: RuleInputs, fails: string) {
  return [{ defect, rules: ['amount.format', 'amount.negative', 'amounts.paid_exceeds_allowed'], inputs: { ...inputs, amount: inputs['paid'] ?? null }, fails }];
}

function dates(defect: string, inputs: RuleInputs, fails: string) {
  return [{ defect, rules: ['date.format', 'dates.service_order', 'dates.service_in_future'], inputs: { ...inputs, date: inputs['from'] ?? null }, fails }];
}

describe('one defect, one rule', () => {
  it.each(DEFECTS)('$defect fails only $fails', ({ rules, inputs, fails }) => {
    const failed = rules.filter((id) => !ruleById(id).test(inputs, DEFAULT_ENV));
    expect(failed).toEqual([fails]);
  });
});

import { allowedExceedsBilled, amountFormat, amountNegative, paidExceedsAllowed, paidExceedsBilled } from './amount.rules';
import { claimTypeAllowed, requiredMissing } from './claim.rules';
import { dateFormat, receivedBeforeService, serviceInFuture, serviceOrder, timelyFiling } from './date.rules';
import { icd10CmFormat, icd10CmHeaderCode, icd10CmNotValidOnDate } from './icd10cm.rules';
import { icd9CmFormat } from './icd9cm.rules';
import { icd10PcsFormat } from './icd10pcs.rules';
import { placeOfServiceUnknown, stateUnknown, zipFormat } from './location.rules';
import { mbiFormat, medicaidIdFormat } from './member-id.rules';
import { ndcFormat } from './ndc.rules';
import { npiCheckDigit, npiFormat } from './npi.rules';
import { cptFormat, hcpcsFormat, hcpcsModifierFormat, hcpcsNotInCodeSet, procedureFormat } from './procedure.rules';
import { adjustmentFormat, claimStatusUnknown, lineBalance, remarkFormat } from './remittance.rules';
import type { Rule } from './rule';
import { snomedCtFormat } from './snomed-ct.rules';
import { taxonomyFormat, taxonomyNotInCodeSet } from './taxonomy.rules';

/**
 * Every healthcare rule, by id. The rules are cut so that one defect fails exactly one of them:
 * code-set and comparison rules pass values they cannot read (the format rules report those), and
 * every rule but required.missing passes when a required input is absent.
 */
export const RULES: readonly Rule[] = [
  npiFormat,
  npiCheckDigit,
  icd10CmFormat,
  icd10CmHeaderCode,
  icd10CmNotValidOnDate,
  icd9CmFormat,
  snomedCtFormat,
  icd10PcsFormat,
  procedureFormat,
  cptFormat,
  hcpcsFormat,
  hcpcsNotInCodeSet,
  hcpcsModifierFormat,
  ndcFormat,
  mbiFormat,
  medicaidIdFormat,
  taxonomyFormat,
  taxonomyNotInCodeSet,
  placeOfServiceUnknown,
  stateUnknown,
  zipFormat,
  dateFormat,
  serviceOrder,
  serviceInFuture,
  receivedBeforeService,
  timelyFiling,
  amountFormat,
  amountNegative,
  paidExceedsAllowed,
  allowedExceedsBilled,
  paidExceedsBilled,
  claimStatusUnknown,
  adjustmentFormat,
  remarkFormat,
  lineBalance,
  claimTypeAllowed,
  requiredMissing,
];

const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));

export class UnknownRuleError extends Error {
  override readonly name = 'UnknownRuleError';
  readonly code = 'unknown_rule';
}

/** The rule with this id; throws UnknownRuleError for an id the catalog does not have. */
export function ruleById(id: string): Rule {
  const rule = RULES_BY_ID.get(id);
  if (!rule) throw new UnknownRuleError(`no healthcare rule has the id ${JSON.stringify(id)}`);
  return rule;
}

export function hasRule(id: string): boolean {
  return RULES_BY_ID.has(id);
}

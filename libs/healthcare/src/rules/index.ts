export * from './rule';
export { defineRule, type PresentInputs, type RuleDefinition } from './define-rule';
export { RULES, ruleById, hasRule, UnknownRuleError } from './catalog';
export { parseClaimDate, claimDateSql, epochDayOf } from './values/claim-date';
export { amountSortKey, amountSortKeySql } from './values/amount';
export { normalizeNdc11, normalizeNdc11Sql } from './ndc.rules';
export { medicaidMemberIdPattern } from './member-id.rules';
export { FullMatchPattern } from './sql/full-match-pattern';
export { PortableRegexError, portableRegexBody } from './sql/portable-regex';

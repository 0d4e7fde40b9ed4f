import type { StatePack } from '../states/state-pack';
import { defineRule } from './define-rule';
import { FullMatchPattern } from './sql/full-match-pattern';

/**
 * Medicare Beneficiary Identifier (CMS MBI format specification): 11 characters, upper case,
 * no check digit. Position 1 is 1-9; 2, 5, 8, 9 a letter without S, L, O, I, B, Z; 3 and 6 such a
 * letter or a digit; 4, 7, 10, 11 a digit. Shown to people as 1EG4-TE5-MK73: the dashed display
 * form (dashes after positions 4 and 7, both or neither) is accepted too; nothing else.
 */
const LETTER = '[AC-HJKMNP-RT-Y]';
const LETTER_OR_DIGIT = '[AC-HJKMNP-RT-Y0-9]';
const MBI_PARTS = [`[1-9]${LETTER}${LETTER_OR_DIGIT}[0-9]`, `${LETTER}${LETTER_OR_DIGIT}[0-9]`, `${LETTER}${LETTER}[0-9]{2}`];
export const MBI_FORMAT = new FullMatchPattern(`${MBI_PARTS.join('')}|${MBI_PARTS.join('-')}`);

export const mbiFormat = defineRule({
  id: 'mbi.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['mbi'],
  requires: ['mbi'],
  description: 'A Medicare Beneficiary Identifier has 11 characters by the CMS position rules, optionally shown as XXXX-XXX-XXXX.',
  message: 'MBI does not follow the CMS format',
  test: ({ mbi }) => MBI_FORMAT.test(mbi),
  sql: ({ mbi }, { dialect }) => MBI_FORMAT.sql(mbi, dialect),
});

const memberIdPatterns = new Map<string, FullMatchPattern>();

/**
 * The state pack's member-id pattern, compiled once. It must stay inside the portable regex
 * subset (sql/portable-regex.ts), so the JavaScript, RE2 and Java readings agree; anything else throws
 * PortableRegexError, which a state-pack loader can surface up front with `portableRegexBody`.
 */
export function medicaidMemberIdPattern(pack: StatePack): FullMatchPattern {
  const source = pack.medicaidMemberIdPattern;
  let pattern = memberIdPatterns.get(source);
  if (!pattern) {
    pattern = new FullMatchPattern(source);
    memberIdPatterns.set(source, pattern);
  }
  return pattern;
}

export const medicaidIdFormat = defineRule({
  id: 'medicaid_id.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['memberId'],
  requires: ['memberId'],
  description: "A Medicaid member id must match the state pack's pattern over the whole value.",
  message: "Medicaid member id does not match the state's format",
  test: ({ memberId }, env) => medicaidMemberIdPattern(env.statePack).test(memberId),
  sql: ({ memberId }, context) => medicaidMemberIdPattern(context.statePack).sql(memberId, context.dialect),
});

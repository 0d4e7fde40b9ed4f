import { defineRule } from './define-rule';
import { fullMatch } from './sql/full-match-pattern';
import { onlyWhen } from './sql/sql-text';
import { SHORT_AMOUNT } from './values/amount';

/**
 * CLP02 claim status codes of the 835 (005010X221A1): processed as primary, secondary, tertiary
 * (1-3), denied (4), processed and forwarded to another payer (19-21), reversal of a previous
 * payment (22), not our claim, forwarded (23), predetermination pricing only (25).
 */
export const CLAIM_STATUS_CODES: readonly string[] = ['1', '2', '3', '4', '19', '20', '21', '22', '23', '25'];

/** An amount as remittances carry it, small enough to add exactly in 64-bit decimals. */
const BALANCED_AMOUNT = SHORT_AMOUNT;
const REMIT_AMOUNT = SHORT_AMOUNT.body;

/**
 * One claim adjustment (CAS) as `GROUP-REASON:AMOUNT`: the group code (CAS01: CO contractual
 * obligation, CR correction and reversal, OA other, PI payer initiated, PR patient responsibility),
 * a claim adjustment reason code (CARC: 1 to 3 digits, or a letter and 1 or 2 digits such as A1,
 * B7, P2) and the adjusted amount. Entries are separated by single spaces.
 */
const ADJUSTMENT = `(CO|CR|OA|PI|PR)-([0-9]{1,3}|[A-Z][0-9]{1,2}):${REMIT_AMOUNT}`;
export const ADJUSTMENT_LIST = fullMatch(`${ADJUSTMENT}( ${ADJUSTMENT})*`);

/** Remittance advice remark codes (RARC): M1-M999, MA01-MA999, N1-N999, separated by single spaces. */
const REMARK = '(MA[0-9]{2,3}|M[0-9]{1,3}|N[0-9]{1,3})';
const REMARK_LIST = fullMatch(`${REMARK}( ${REMARK})*`);

const SCALE = 8;

export const claimStatusUnknown = defineRule({
  id: 'remittance.claim_status',
  family: 'code_validity',
  severity: 'error',
  roles: ['status'],
  requires: ['status'],
  description: `The 835 claim status (CLP02) is one of the codes the 5010 guide lists: ${CLAIM_STATUS_CODES.join(', ')}.`,
  message: 'Claim status code is not an 835 claim status',
  test: ({ status }) => CLAIM_STATUS_CODES.includes(status),
  sql: ({ status }, { dialect }) => `${status} IN (${CLAIM_STATUS_CODES.map(dialect.string).join(', ')})`,
});

export const adjustmentFormat = defineRule({
  id: 'remittance.adjustment_format',
  family: 'code_validity',
  severity: 'error',
  roles: ['adjustments'],
  requires: ['adjustments'],
  description:
    'Adjustments are `GROUP-REASON:AMOUNT` entries separated by single spaces: a CAS group code (CO, CR, OA, PI, PR), ' +
    'a claim adjustment reason code (1-3 digits, or a letter and 1-2 digits) and an amount of at most 10 integer and 8 decimal digits.',
  message: 'Adjustments are not group-reason:amount entries with a known group code',
  test: ({ adjustments }) => ADJUSTMENT_LIST.test(adjustments),
  sql: ({ adjustments }, { dialect }) => ADJUSTMENT_LIST.sql(adjustments, dialect),
});

export const remarkFormat = defineRule({
  id: 'remittance.remark_format',
  family: 'code_validity',
  severity: 'error',
  roles: ['remarks'],
  requires: ['remarks'],
  description: 'Remark codes are remittance advice remark codes (M, MA or N and digits) separated by single spaces.',
  message: 'Remark codes are not remittance advice remark codes',
  test: ({ remarks }) => REMARK_LIST.test(remarks),
  sql: ({ remarks }, { dialect }) => REMARK_LIST.sql(remarks, dialect),
});

/**
 * The 835 balancing rule of a service line: charge minus the line's adjustments is what was paid
 * (SVC02 - sum of CAS amounts = SVC03). Values it cannot add exactly (malformed, or past 10
 * integer or 8 decimal digits) pass: the format rules report those.
 */
export const lineBalance = defineRule({
  id: 'remittance.line_balance',
  family: 'business',
  severity: 'error',
  roles: ['charge', 'paid', 'adjustments'],
  requires: ['charge', 'paid'],
  description: "A service line balances: its charge less the sum of its adjustments' amounts equals its paid amount (exact decimal arithmetic).",
  message: 'Line charge less its adjustments does not equal the amount paid',
  test: ({ charge, paid, adjustments }) => {
    if (!BALANCED_AMOUNT.test(charge) || !BALANCED_AMOUNT.test(paid)) return true;
    if (adjustments !== null && !ADJUSTMENT_LIST.test(adjustments)) return true;
    const adjusted = (adjustments?.split(' ') ?? []).reduce((sum, entry) => sum + scaled(entry.slice(entry.indexOf(':') + 1)), 0n);
    return scaled(charge) - adjusted === scaled(paid);
  },
  sql: ({ charge, paid, adjustments }, { dialect }) => {
    const type = `DECIMAL(18,${SCALE})` as const;
    const exact = (amount: string) => dialect.tryCast(amount, type);
    const adjusted = dialect.sumOfMatches(adjustments, ':(-?[0-9]+(?:\\.[0-9]+)?)', 1, type);
    const readable = `${BALANCED_AMOUNT.sql(charge, dialect)} AND ${BALANCED_AMOUNT.sql(paid, dialect)} AND (${adjustments} IS NULL OR ${ADJUSTMENT_LIST.sql(adjustments, dialect)})`;
    return onlyWhen(readable, `${exact(charge)} - ${adjusted} = ${exact(paid)}`);
  },
});

/** A well-formed amount as an integer count of 10^-8 (the sign stays on the integer digits: "-0.5" is "-0" and "50000000"). */
function scaled(amount: string): bigint {
  const [integer, fraction = ''] = amount.split('.');
  return BigInt(integer! + fraction.padEnd(SCALE, '0'));
}

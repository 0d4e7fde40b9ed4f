import { defineRule } from './define-rule';
import { onlyWhen } from './sql/sql-text';
import { AMOUNT, NEGATIVE_AMOUNT, amountNotGreaterSql, amountSortKey } from './values/amount';

export const amountFormat = defineRule({
  id: 'amount.format',
  family: 'integrity',
  severity: 'error',
  roles: ['amount'],
  requires: ['amount'],
  description: 'An amount is an optional minus, digits, and optionally a decimal point with digits: no $, commas or exponent.',
  message: 'Amount is not a plain decimal number',
  test: ({ amount }) => AMOUNT.test(amount),
  sql: ({ amount }, { dialect }) => AMOUNT.sql(amount, dialect),
});

export const amountNegative = defineRule({
  id: 'amount.negative',
  family: 'business',
  severity: 'error',
  roles: ['amount'],
  requires: ['amount'],
  description: 'A well-formed amount is not below zero (-0 and -0.00 are zero).',
  message: 'Amount is negative',
  test: ({ amount }) => !NEGATIVE_AMOUNT.test(amount),
  sql: ({ amount }, { dialect }) => `NOT ${NEGATIVE_AMOUNT.sql(amount, dialect)}`,
});

/** A rule that fails when the first amount exceeds the second, both well formed; exact at any length. */
function notGreaterRule<const A extends string, const B extends string>(spec: {
  id: string;
  roles: readonly [A, B];
  description: string;
  message: string;
}) {
  const [larger, smaller] = spec.roles;
  return defineRule<A | B, A | B>({
    ...spec,
    family: 'business',
    severity: 'error',
    requires: spec.roles,
    test: (inputs) => {
      const first = inputs[larger];
      const second = inputs[smaller];
      return !AMOUNT.test(first) || !AMOUNT.test(second) || amountSortKey(first) <= amountSortKey(second);
    },
    sql: (operands, { dialect }) => {
      const [first, second] = [operands[larger], operands[smaller]];
      return onlyWhen(`${AMOUNT.sql(first, dialect)} AND ${AMOUNT.sql(second, dialect)}`, amountNotGreaterSql(first, second, dialect));
    },
  });
}

export const paidExceedsAllowed = notGreaterRule({
  id: 'amounts.paid_exceeds_allowed',
  roles: ['paid', 'allowed'],
  description: 'The paid amount is not more than the allowed amount (both well formed; exact decimal comparison).',
  message: 'Paid amount exceeds the allowed amount',
});

export const allowedExceedsBilled = notGreaterRule({
  id: 'amounts.allowed_exceeds_billed',
  roles: ['allowed', 'billed'],
  description: 'The allowed amount is not more than the billed (charged) amount (both well formed; exact decimal comparison).',
  message: 'Allowed amount exceeds the billed amount',
});

/**
 * Paid against billed when the allowed amount cannot stand between them (blank or malformed):
 * with a well-formed allowed amount the two rules above already catch paid > billed, so a defect
 * still fails exactly one rule.
 */
export const paidExceedsBilled = defineRule({
  id: 'amounts.paid_exceeds_billed',
  family: 'business',
  severity: 'error',
  roles: ['paid', 'billed', 'allowed'],
  requires: ['paid', 'billed'],
  description:
    'Without a well-formed allowed amount, the paid amount is not more than the billed (charged) amount ' +
    '(both well formed; exact decimal comparison).',
  message: 'Paid amount exceeds the billed amount',
  test: ({ paid, billed, allowed }) =>
    AMOUNT.test(allowed) || !AMOUNT.test(paid) || !AMOUNT.test(billed) || amountSortKey(paid) <= amountSortKey(billed),
  sql: ({ paid, billed, allowed }, { dialect }) =>
    onlyWhen(
      `(${allowed} IS NULL OR NOT ${AMOUNT.sql(allowed, dialect)}) AND ${AMOUNT.sql(paid, dialect)} AND ${AMOUNT.sql(billed, dialect)}`,
      amountNotGreaterSql(paid, billed, dialect),
    ),
});

import type { ExpressionDialect } from '../sql/expression-dialect';
import { fullMatch } from '../sql/full-match-pattern';

/**
 * Money as claims carry it: an optional minus, digits, and optionally a decimal point followed by
 * digits (`12`, `12.5`, `-0.25`, `00012`). No `$`, no thousands separators, no exponent, no `+`,
 * no leading or trailing point.
 */
export const AMOUNT = fullMatch('-?[0-9]+(\\.[0-9]+)?');

/** A well-formed amount below zero: a minus and at least one non-zero digit (`-0.00` is zero). */
export const NEGATIVE_AMOUNT = fullMatch('-[0-9]*[1-9][0-9]*(\\.[0-9]+)?|-[0-9]+\\.[0-9]*[1-9][0-9]*');

/**
 * Exact comparison of well-formed amounts of any length, by a text key that sorts like the number:
 * no float, and no DECIMAL(38,10) rounding of an 11th decimal or overflow past 28 integer digits.
 *
 * Key of a value >= 0: '1', the length of its integer part (leading zeros dropped) as 10 digits,
 * the integer digits, then the fraction digits (trailing zeros dropped). Same-length integers
 * compare digit by digit, and fractions compare as text once trailing zeros are gone (0.5 > 0.49).
 * Key of a value < 0: '0', then the same text with every digit replaced by 9 minus it (reversing
 * the order), then '~', which sorts after every digit, so -0.5 > -0.51.
 */
export function amountSortKey(amount: string): string {
  const negative = amount.startsWith('-') && /[1-9]/.test(amount);
  const unsigned = amount.startsWith('-') ? amount.slice(1) : amount;
  const integer = unsigned.split('.')[0]!.replace(/^0+/, '');
  const fraction = /\.([0-9]*?)0*$/.exec(amount)?.[1] ?? '';
  const magnitude = String(integer.length).padStart(10, '0') + integer + fraction;
  return negative ? `0${complementDigits(magnitude)}~` : `1${magnitude}`;
}

/** The SQL twin of amountSortKey, for an operand known to be a well-formed amount. */
export function amountSortKeySql(operand: string, dialect: ExpressionDialect): string {
  const negative = `${dialect.startsWith(operand, '-')} AND ${dialect.containsMatch(operand, '[1-9]')}`;
  const integer = dialect.extract(operand, '^-?0*([0-9]*)', 1);
  const fraction = dialect.extract(operand, '\\.([0-9]*?)0*$', 1);
  const magnitude = `lpad(${dialect.cast(`length(${integer})`, 'TEXT')}, 10, '0') || ${integer} || ${fraction}`;
  return `CASE WHEN ${negative} THEN '0' || translate(${magnitude}, '0123456789', '9876543210') || '~' ELSE '1' || ${magnitude} END`;
}

function complementDigits(digits: string): string {
  return digits.replace(/[0-9]/g, (digit) => String(9 - Number(digit)));
}

/**
 * An amount that fits DECIMAL(18,8) exactly: at most 10 integer and 8 fraction digits (every real
 * claim or remittance amount), so it can be added and compared as a 64-bit decimal.
 */
export const SHORT_AMOUNT = fullMatch('-?[0-9]{1,10}(\\.[0-9]{1,8})?');

/**
 * SQL for "a <= b" over well-formed amounts, exact at any length. Amounts that fit DECIMAL(18,8)
 * without rounding (at most 10 integer and 8 fraction digits: every real claim amount) are compared
 * as 64-bit decimals, which is cheap; anything longer falls back to the text sort key (DECIMAL(38,x)
 * would be exact too but is as slow as the key). Both paths are exact, so they agree with
 * amountSortKey.
 */
export function amountNotGreaterSql(a: string, b: string, dialect: ExpressionDialect): string {
  const fits = (x: string) => SHORT_AMOUNT.sql(x, dialect);
  const exact = (x: string) => dialect.tryCast(x, 'DECIMAL(18,8)');
  return (
    `CASE WHEN ${fits(a)} AND ${fits(b)} ` +
    `THEN ${exact(a)} <= ${exact(b)} ` +
    `ELSE ${amountSortKeySql(a, dialect)} <= ${amountSortKeySql(b, dialect)} END`
  );
}

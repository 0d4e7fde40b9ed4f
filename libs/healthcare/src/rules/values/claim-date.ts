import type { ExpressionDialect } from '../sql/expression-dialect';

/**
 * The one date parser every date rule uses, in its two renderings. A claim date is a real
 * calendar date (proleptic Gregorian, years 0000-9999, as DuckDB's DATE) written as
 *   YYYY-MM-DD   (ISO 8601, what the canonical tables hold)
 *   YYYYMMDD     (X12 837/835 D8)
 *   MM/DD/YYYY   (CMS-1500 / UB-04 paper and most spreadsheets)
 *   DD-MMM-YYYY  (CMS CCW RIF extracts and Oracle's default, e.g. 01-JAN-2023; any case)
 *   YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]  (ISO 8601 timestamps, as Synthea writes them; the
 *                date is the one written, whatever the offset, as a claim's date of service is)
 * with exactly those digits, no spaces. Anything else is not a date, so `2025-2-3`,
 * `2025-02-30` and ` 2025-02-03` all parse to nothing, in both renderings. None of the shapes
 * can be read two ways, so no column needs to declare which one it uses.
 */
const ISO = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const COMPACT = /^([0-9]{4})([0-9]{2})([0-9]{2})$/;
const US = /^([0-9]{2})\/([0-9]{2})\/([0-9]{4})$/;
const DAY_MONTH_NAME = /^([0-9]{2})-([A-Za-z]{3})-([0-9]{4})$/;
const TIME_OF_DAY = 'T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?';
const TIMESTAMP = new RegExp(`^([0-9]{4})-([0-9]{2})-([0-9]{2})${TIME_OF_DAY}$`);

const MONTH_ABBREVIATIONS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** The date as `YYYY-MM-DD`, or null when `value` is not a claim date. */
export function parseClaimDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const yearFirst = ISO.exec(value) ?? COMPACT.exec(value) ?? TIMESTAMP.exec(value);
  if (yearFirst) return calendarDate(yearFirst[1]!, yearFirst[2]!, yearFirst[3]!);
  const us = US.exec(value);
  if (us) return calendarDate(us[3]!, us[1]!, us[2]!);
  const named = DAY_MONTH_NAME.exec(value);
  if (!named) return null;
  // An unknown name is month 00, which calendarDate refuses.
  const month = MONTH_ABBREVIATIONS.indexOf(named[2]!.toUpperCase() as (typeof MONTH_ABBREVIATIONS)[number]) + 1;
  return calendarDate(named[3]!, String(month).padStart(2, '0'), named[1]!);
}

function calendarDate(year: string, month: string, day: string): string | null {
  return isCalendarDate(Number(year), Number(month), Number(day)) ? `${year}-${month}-${day}` : null;
}

/**
 * The SQL twin of parseClaimDate: a DATE, or NULL. Each shape is checked by a full-match regex
 * first, because the engines' own casts are lenient (`'2025-1-1'::DATE` works in both); the
 * strict ISO text then goes through a try-cast, which yields NULL for impossible days such as
 * 2025-02-30.
 */
export function claimDateSql(operand: string, dialect: ExpressionDialect): string {
  const shaped = (body: string) => dialect.fullMatch(operand, body);
  const isoText = [
    'CASE',
    `WHEN ${shaped('[0-9]{4}-[0-9]{2}-[0-9]{2}')} THEN ${operand}`,
    `WHEN ${shaped('[0-9]{8}')} THEN ${dialect.rewrite(operand, '^([0-9]{4})([0-9]{2})([0-9]{2})$', '$1-$2-$3')}`,
    `WHEN ${shaped('[0-9]{2}/[0-9]{2}/[0-9]{4}')} THEN ${dialect.rewrite(operand, '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '$3-$1-$2')}`,
    `WHEN ${shaped('[0-9]{2}-[A-Za-z]{3}-[0-9]{4}')} THEN substr(${operand}, 8, 4) || '-' || ${monthNumberSql(`upper(substr(${operand}, 4, 3))`)} || '-' || substr(${operand}, 1, 2)`,
    `WHEN ${shaped(`[0-9]{4}-[0-9]{2}-[0-9]{2}${TIME_OF_DAY}`)} THEN substr(${operand}, 1, 10)`,
    'END',
  ].join(' ');
  return dialect.tryCast(isoText, 'DATE');
}

/** '01'..'12' for a month abbreviation, NULL for anything else (which makes the whole date NULL). */
function monthNumberSql(abbreviation: string): string {
  const arms = MONTH_ABBREVIATIONS.map((name, index) => `WHEN '${name}' THEN '${String(index + 1).padStart(2, '0')}'`);
  return `(CASE ${abbreviation} ${arms.join(' ')} END)`;
}

/**
 * An ISO date the caller vouches for (an `asOf`), as a DATE literal; throws on anything else. The
 * text is digits and hyphens only, which every engine quotes alike.
 */
export function isoDateLiteralSql(isoDate: string): string {
  return `DATE '${requireIsoDate(isoDate)}'`;
}

export function requireIsoDate(value: string): string {
  // Only an ISO date parses to itself: YYYYMMDD and MM/DD/YYYY come back rewritten.
  if (parseClaimDate(value) !== value) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  return value;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, by arithmetic (no Date: it maps years 0-99 to 19xx). */
export function epochDayOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const day = Number(isoDate.slice(8, 10));
  // Howard Hinnant's days_from_civil: years start on 1 March so the leap day comes last.
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The claim date of an input in a rule's SQL: the engine's pre-parsed column when it has one. */
export function claimDateIn(input: string, context: { dialect: ExpressionDialect; claimDate?(input: string): string }): string {
  return context.claimDate ? context.claimDate(input) : claimDateSql(input, context.dialect);
}

import { isoDateToEpochDay } from './iso-date';

/**
 * The US federal fiscal year a date falls in. It starts on 1 October, and ICD-10-CM code sets
 * take effect on that day, so 2019-10-01 is FY2020 and 2020-09-30 is still FY2020.
 * Strings must be `YYYY-MM-DD`; a Date is read in UTC.
 */
export function fiscalYearOf(date: string | Date): number {
  const { year, month } = typeof date === 'string' ? yearAndMonthOf(date) : utcYearAndMonth(date);
  return month >= 10 ? year + 1 : year;
}

/** 1 October of the year before `fiscalYear`, as `YYYY-MM-DD`. */
export function fiscalYearStart(fiscalYear: number): string {
  return `${String(fiscalYear - 1).padStart(4, '0')}-10-01`;
}

function yearAndMonthOf(value: string): { year: number; month: number } {
  if (isoDateToEpochDay(value) === undefined) {
    throw new RangeError('fiscalYearOf needs a real date as YYYY-MM-DD');
  }
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) };
}

function utcYearAndMonth(date: Date): { year: number; month: number } {
  if (Number.isNaN(date.getTime())) throw new RangeError('fiscalYearOf got an invalid Date');
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

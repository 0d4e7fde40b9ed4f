import { epochDayToIsoDate } from '@ade/healthcare';

/**
 * `YYYY-MM-DD` for an epoch day, remembered: a run spans a few hundred distinct days but formats
 * millions of dates, and building a Date for each one is the expensive part.
 */
export class DayFormatter {
  private readonly cache = new Map<number, string>();

  format(day: number): string {
    let text = this.cache.get(day);
    if (text === undefined) {
      text = epochDayToIsoDate(day);
      this.cache.set(day, text);
    }
    return text;
  }
}

/** Two-digit year and three-digit day of year (`26045`), the date part of a payer's claim number. */
export function julianDate(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const date = Date.UTC(year, Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
  const dayOfYear = (date - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
  return `${String(year % 100).padStart(2, '0')}${String(dayOfYear).padStart(3, '0')}`;
}

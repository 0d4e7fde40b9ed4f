/**
 * Calendar dates as claims carry them (`YYYY-MM-DD`, no time, no zone) and as whole days since
 * 1970-01-01 for arithmetic. UTC throughout, so a date never shifts with the machine's zone.
 */
/** Finds the three numbers; no anchors, as the round trip in isoDateToEpochDay compares the whole value. */
const ISO_DATE = /(\d{4})-(\d{2})-(\d{2})/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  return isoDateToEpochDay(value) !== undefined;
}

/** Days since 1970-01-01, or undefined when `value` is not a real `YYYY-MM-DD` date. */
export function isoDateToEpochDay(value: string): number | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2025-02-30 over to March, and reads years 0-99 as 1900-1999: a round trip
  // through the same spelling exposes both.
  if (new Date(ms).toISOString().slice(0, 10) !== value) return undefined;
  return ms / MS_PER_DAY;
}

export function epochDayToIsoDate(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today's date in UTC. */
export function todayIsoDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

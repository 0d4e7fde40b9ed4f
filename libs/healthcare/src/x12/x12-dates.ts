/** A service period; `end` equals `start` for a single day. */
export interface DateSpan {
  start: string | null;
  end: string | null;
}

const CCYYMMDD = /^([0-9]{4})([0-9]{2})([0-9]{2})$/;

/**
 * CCYYMMDD → YYYY-MM-DD. Only the shape is converted: a value that is not eight digits, or not a
 * real calendar day, is kept as written so the `date.format` quality rule reports it on its row
 * instead of one bad date failing the whole interchange.
 */
export function isoDate(value: string | null): string | null {
  if (value === null) return null;
  const match = CCYYMMDD.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : value;
}

/**
 * DTP02/DTP03 (or DMG01/DMG02, or a HI date component pair) → a span: D8 is one day, RD8 is
 * `CCYYMMDD-CCYYMMDD`, DT is `CCYYMMDDHHMM` (admission date/hour) of which we keep the day.
 */
export function dateSpan(format: string | null, value: string | null): DateSpan {
  if (value === null) return { start: null, end: null };
  if (format === 'RD8') {
    const [start = '', end = ''] = value.split('-', 2);
    return { start: isoDate(start || null), end: isoDate(end || null) };
  }
  const day = format === 'DT' && value.length === 12 ? value.slice(0, 8) : value;
  const iso = isoDate(day);
  return { start: iso, end: iso };
}

/** Earliest and latest of ISO dates (string order is date order for YYYY-MM-DD). */
export function coveringSpan(spans: readonly DateSpan[]): DateSpan {
  const starts = spans.map((span) => span.start).filter((date): date is string => date !== null);
  const ends = spans.map((span) => span.end ?? span.start).filter((date): date is string => date !== null);
  return {
    start: starts.length === 0 ? null : starts.reduce((a, b) => (b < a ? b : a)),
    end: ends.length === 0 ? null : ends.reduce((a, b) => (b > a ? b : a)),
  };
}

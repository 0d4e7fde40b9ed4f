import { CodesetError } from '../codesets/codeset-error';
import { icd10CmFiscalYears, readIcd10CmCodes } from '../codesets/icd10cm-code-sets';
import { loadIcd10CmMidyearChanges, type Icd10CmMidyearChange } from '../codesets/icd10cm-midyear-changes';
import { fiscalYearOf, fiscalYearStart } from '../dates/fiscal-year';
import { epochDayToIsoDate, isoDateToEpochDay } from '../dates/iso-date';

/** Inclusive on both ends, `YYYY-MM-DD`. */
export interface DateInterval {
  from: string;
  to: string;
}

/** The last day of the newest fiscal year's interval: that code set stays in effect from then on. */
export const OPEN_END = '9999-12-31';

/** A stretch of days over which the valid ICD-10-CM code set does not change. */
export interface Icd10CmPeriod extends DateInterval {
  fiscalYear: number;
}

/** A period with its billable codes: only while the calendar is built, each set is ~70k codes. */
interface PeriodCodes extends Icd10CmPeriod {
  billable: ReadonlySet<string>;
}

export interface Icd10CmCalendar {
  periods: readonly Icd10CmPeriod[];
  /** Dotless code → the merged days on which it is billable (valid for a claim). */
  billable: ReadonlyMap<string, readonly DateInterval[]>;
  /** Dotless code → the merged days on which it is a header: not billable, but a prefix of one that is. */
  headers: ReadonlyMap<string, readonly DateInterval[]>;
}

export type Icd10CmStatus = 'billable' | 'header' | 'unknown';

let cached: Icd10CmCalendar | undefined;

/**
 * Which ICD-10-CM codes are valid on which day, built from the shipped code sets: each fiscal
 * year's file (discovered by name) takes effect on 1 October, and the mid-year rows of that fiscal
 * year change it from their effective date ('added' → billable from that day, 'removed' → not).
 * No code is valid before the first fiscal year (ICD-9 era); the newest year's set stays in effect
 * after it ends (open-ended to 9999-12-31). Mid-year rows dated in a fiscal year without a shipped
 * file are ignored, and a gap between fiscal-year files is refused (CodesetError). Both the rule
 * predicates and the reference tables the SQL joins are read from this one structure, so the two
 * renderings cannot drift apart.
 */
export function loadIcd10CmCalendar(): Icd10CmCalendar {
  cached ??= buildCalendar(icd10CmPeriods());
  return cached;
}

/** What `dotlessCode` is on `isoDate`: billable, a header (category) code, or neither. */
export function icd10CmStatusOn(dotlessCode: string, isoDate: string): Icd10CmStatus {
  const calendar = loadIcd10CmCalendar();
  if (coversDay(calendar.billable.get(dotlessCode), isoDate)) return 'billable';
  if (coversDay(calendar.headers.get(dotlessCode), isoDate)) return 'header';
  return 'unknown';
}

/** Whether any of the inclusive intervals holds the day. */
export function coversDay(intervals: readonly DateInterval[] | undefined, isoDate: string): boolean {
  return intervals?.some(({ from, to }) => from <= isoDate && isoDate <= to) ?? false;
}

/** The shipped fiscal years, ascending, must leave no year out: a missing file would leave a year with no valid codes. */
export function assertConsecutiveFiscalYears(years: readonly number[]): void {
  years.forEach((year, index) => {
    if (index > 0 && year !== years[index - 1]! + 1) {
      throw new CodesetError('codeset_malformed', `ICD-10-CM fiscal years must be consecutive; FY${year - 1} is missing`);
    }
  });
}

function icd10CmPeriods(): PeriodCodes[] {
  const years = icd10CmFiscalYears();
  assertConsecutiveFiscalYears(years);
  const changes = [...loadIcd10CmMidyearChanges()].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  return years.flatMap((fiscalYear, index) => {
    const end = index === years.length - 1 ? OPEN_END : dayBefore(fiscalYearStart(fiscalYear + 1));
    return fiscalYearPeriods(fiscalYear, end, changes.filter((change) => fiscalYearOf(change.effectiveDate) === fiscalYear));
  });
}

/** The fiscal year's file, then one more period from each mid-year effective date. */
function fiscalYearPeriods(fiscalYear: number, end: string, changes: readonly Icd10CmMidyearChange[]): PeriodCodes[] {
  const start = fiscalYearStart(fiscalYear);
  const starts = [...new Set([start, ...changes.map((change) => change.effectiveDate)])];
  const codes = readIcd10CmCodes(fiscalYear);
  return starts.map((from, index) => {
    const next = starts[index + 1];
    const applied = changes.filter((change) => change.effectiveDate <= from);
    return { fiscalYear, from, to: next ? dayBefore(next) : end, billable: withChanges(codes, applied) };
  });
}

function withChanges(codes: ReadonlySet<string>, changes: readonly Icd10CmMidyearChange[]): ReadonlySet<string> {
  const changed = new Set(codes);
  for (const { change, code } of changes) {
    if (change === 'added') changed.add(code);
    else changed.delete(code);
  }
  return changed;
}

/**
 * Walks the periods in order and opens or closes a code's interval only where the code set
 * changes. Header status follows from a count, per prefix, of the billable codes extending it.
 */
function buildCalendar(periods: readonly PeriodCodes[]): Icd10CmCalendar {
  const billable = new IntervalBuilder();
  const headers = new IntervalBuilder();
  const current = new Set<string>();
  const extending = new Map<string, number>();
  for (const period of periods) {
    const touched = new Set<string>();
    const update = (code: string, delta: 1 | -1) => {
      touched.add(code);
      // Stryker disable next-line EqualityOperator: `<=` is equivalent (a code counted as extending itself is added and removed with it, and is never a header while billable); `>=` (no prefixes) fails the header oracle test
      for (let length = 3; length < code.length; length += 1) {
        const prefix = code.slice(0, length);
        extending.set(prefix, (extending.get(prefix) ?? 0) + delta);
        touched.add(prefix);
      }
    };
    for (const code of [...current].filter((code) => !period.billable.has(code))) {
      current.delete(code);
      billable.close(code, period.from);
      update(code, -1);
    }
    for (const code of period.billable) {
      if (current.has(code)) continue;
      current.add(code);
      billable.open(code, period.from);
      update(code, 1);
    }
    for (const code of touched) {
      const isHeader = (extending.get(code) ?? 0) > 0 && !current.has(code);
      if (isHeader) headers.open(code, period.from);
      else headers.close(code, period.from);
    }
  }
  return { periods: periods.map(({ fiscalYear, from, to }) => ({ fiscalYear, from, to })), billable: billable.finish(), headers: headers.finish() };
}

/** Collects each code's intervals as they open and close; whatever is open at the end stays open. */
class IntervalBuilder {
  private readonly openSince = new Map<string, string>();
  private readonly intervals = new Map<string, DateInterval[]>();

  open(code: string, from: string): void {
    if (!this.openSince.has(code)) this.openSince.set(code, from);
  }

  /** Ends the code's open interval the day before `from` (no-op when none is open). */
  close(code: string, from: string): void {
    const since = this.openSince.get(code);
    if (since === undefined) return;
    this.openSince.delete(code);
    this.add(code, { from: since, to: dayBefore(from) });
  }

  finish(): ReadonlyMap<string, readonly DateInterval[]> {
    for (const [code, since] of this.openSince) this.add(code, { from: since, to: OPEN_END });
    this.openSince.clear();
    return this.intervals;
  }

  private add(code: string, interval: DateInterval): void {
    const list = this.intervals.get(code);
    if (list) list.push(interval);
    else this.intervals.set(code, [interval]);
  }
}

function dayBefore(isoDate: string): string {
  return epochDayToIsoDate(isoDateToEpochDay(isoDate)! - 1);
}

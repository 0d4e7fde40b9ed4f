import {
  fiscalYearOf,
  epochDayToIsoDate,
  icd10CmFiscalYears,
  loadIcd10CmCodes,
  loadIcd10CmMidyearChanges,
  toDottedIcd10Cm,
} from '@ade/healthcare';
import { SyntheticOptionsError } from '../synthetic-options-error';

const cache = new Map<string, readonly string[]>();

/**
 * Diagnosis codes (dotted, sorted) that are billable on every day from `firstDay` to `lastDay`:
 * the intersection of the shipped fiscal-year lists covering that span, minus every code touched
 * by a mid-year update (those change validity inside a fiscal year, and the FY files do not show it).
 *
 * A fiscal year later than the newest shipped list is assumed to carry that list forward (the
 * best knowledge available; it only arises for dates beyond the newest release, such as the
 * `future_service_date` defect). A year older than the oldest list is an error.
 */
export function diagnosisCodesValidBetween(firstDay: number, lastDay: number): readonly string[] {
  const fromYear = fiscalYearOf(epochDayToIsoDate(firstDay));
  const toYear = fiscalYearOf(epochDayToIsoDate(lastDay));
  const key = `${fromYear}-${toYear}`;
  let codes = cache.get(key);
  if (!codes) {
    codes = intersectFiscalYears(fromYear, toYear);
    cache.set(key, codes);
  }
  return codes;
}

function intersectFiscalYears(fromYear: number, toYear: number): readonly string[] {
  const shipped = icd10CmFiscalYears();
  const newest = shipped.at(-1)!;
  const years = new Set<number>();
  for (let year = fromYear; year <= toYear; year += 1) {
    if (year > newest) years.add(newest);
    else if (!shipped.includes(year)) {
      throw new SyntheticOptionsError(
        `No ICD-10-CM code list is shipped for FY${year}; service dates must fall in FY${shipped[0]} or later`,
      );
    } else years.add(year);
  }
  const [first, ...rest] = [...years].map(loadIcd10CmCodes);
  const changedMidYear = new Set(loadIcd10CmMidyearChanges().map((change) => change.code));
  const codes: string[] = [];
  for (const code of first!) {
    if (!changedMidYear.has(code) && rest.every((set) => set.has(code))) codes.push(toDottedIcd10Cm(code));
  }
  return codes.sort();
}

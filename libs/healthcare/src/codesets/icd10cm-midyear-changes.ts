import { isoDateToEpochDay } from '../dates/iso-date';
import { parseCsvRecords } from '../text/parse-csv';
import { CodesetError } from './codeset-error';
import { readCodesetText } from './read-codeset';

const FILE_NAME = 'icd10cm_midyear_changes.tsv';

/**
 * A code added or removed between two 1 October releases (e.g. U07.1 on 2020-04-01). The fiscal
 * year files do not contain these until the next year, so a date-of-service check applies them
 * on top of the FY set.
 */
export interface Icd10CmMidyearChange {
  effectiveDate: string;
  change: 'added' | 'removed';
  /** Dotless, as in the FY files. */
  code: string;
  /** The first fiscal-year file that reflects the change. */
  firstFiscalYearFile: number;
}

let cached: readonly Icd10CmMidyearChange[] | undefined;

export function loadIcd10CmMidyearChanges(): readonly Icd10CmMidyearChange[] {
  cached ??= parseCsvRecords(readCodesetText(FILE_NAME), '\t').map(toChange);
  return cached;
}

function toChange(record: Record<string, string>): Icd10CmMidyearChange {
  const { effective_date: effectiveDate, change, code, in_fy_file: inFyFile } = record;
  const fiscalYear = /^FY(\d{4})$/.exec(inFyFile ?? '');
  if (
    effectiveDate === undefined ||
    isoDateToEpochDay(effectiveDate) === undefined ||
    (change !== 'added' && change !== 'removed') ||
    !code ||
    !fiscalYear
  ) {
    throw new CodesetError('codeset_malformed', `${FILE_NAME} has a row that does not match its header`);
  }
  return { effectiveDate, change, code, firstFiscalYearFile: Number(fiscalYear[1]) };
}

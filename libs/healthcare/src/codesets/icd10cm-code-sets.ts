import { isIcd10CmDotlessFormat } from '../formats/icd10cm-format';
import { CodesetError } from './codeset-error';
import { findCodesetFiles, readCodesetLines } from './read-codeset';

/** One file per fiscal year; a new year is added by dropping in its file (see codesets/SOURCES.md). */
const FISCAL_YEAR_FILE = /^icd10cm_codes_FY(\d{4})\.txt\.gz$/;

const codesByFiscalYear = new Map<number, ReadonlySet<string>>();

/** Fiscal years that have a shipped valid-code list, ascending. */
export function icd10CmFiscalYears(): number[] {
  return [...fiscalYearFiles().keys()];
}

/**
 * The valid (billable) ICD-10-CM codes in effect on 1 October of `fiscalYear`, dotless as CMS
 * publishes them (`E119`). Mid-year updates are not included: see `loadIcd10CmMidyearChanges`.
 */
export function loadIcd10CmCodes(fiscalYear: number): ReadonlySet<string> {
  const cached = codesByFiscalYear.get(fiscalYear);
  if (cached) return cached;
  const codes = readIcd10CmCodes(fiscalYear);
  codesByFiscalYear.set(fiscalYear, codes);
  return codes;
}

/**
 * The same list read afresh and not kept: for the one-time build of the ICD-10-CM calendar, so a
 * long-running process does not hold every fiscal year's ~70k codes (about 46 MiB) once it is built.
 */
export function readIcd10CmCodes(fiscalYear: number): ReadonlySet<string> {
  const fileName = fiscalYearFiles().get(fiscalYear);
  if (!fileName) {
    throw new CodesetError('codeset_missing', `No ICD-10-CM code list is shipped for FY${fiscalYear}`);
  }
  const codes = new Set<string>();
  for (const code of readCodesetLines(fileName)) {
    if (!isIcd10CmDotlessFormat(code)) {
      throw new CodesetError('codeset_malformed', `${fileName} holds a line that is not a dotless ICD-10-CM code`);
    }
    codes.add(code);
  }
  return codes;
}

/** Every shipped fiscal year's valid codes, by fiscal year ascending. Loads all files (~70k codes each). */
export function loadIcd10CmFiscalYears(): ReadonlyMap<number, ReadonlySet<string>> {
  cachedAllYears ??= new Map(icd10CmFiscalYears().map((fiscalYear) => [fiscalYear, loadIcd10CmCodes(fiscalYear)]));
  return cachedAllYears;
}

let cachedAllYears: ReadonlyMap<number, ReadonlySet<string>> | undefined;

let cachedFiles: ReadonlyMap<number, string> | undefined;

function fiscalYearFiles(): ReadonlyMap<number, string> {
  cachedFiles ??= new Map(
    findCodesetFiles(FISCAL_YEAR_FILE)
      .map(({ fileName, match }) => [Number(match[1]), fileName] as const)
      .sort(([a], [b]) => a - b),
  );
  return cachedFiles;
}

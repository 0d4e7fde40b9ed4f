import { isHcpcsLevel2Format } from '../formats/procedure-code-format';
import { parseCsvRecords } from '../text/parse-csv';
import { CodesetError } from './codeset-error';
import { findCodesetFiles, readCodesetLines, readCodesetText } from './read-codeset';

/** One codes-only list per CMS quarterly release; a new quarter drops in as a data file. */
const QUARTERLY_LIST_FILE = /^hcpcs_level2_(\d{4})q([1-4])_codes_only\.txt\.gz$/;
/** The only shipped HCPCS file with modifiers (about the 2021 release; see codesets/SOURCES.md). */
const DESCRIBED_FILE = 'tuva_hcpcs_level_2.csv';
const MODIFIER_RECORD = '7';

let cachedLists: ReadonlyMap<string, ReadonlySet<string>> | undefined;
let cachedModifiers: ReadonlyMap<string, string> | undefined;

/**
 * Every shipped quarterly HCPCS Level II code list, keyed by release (`2026q3`), oldest first.
 * Codes only, modifiers excluded.
 */
export function loadHcpcsLevel2CodeLists(): ReadonlyMap<string, ReadonlySet<string>> {
  cachedLists ??= new Map(
    findCodesetFiles(QUARTERLY_LIST_FILE)
      .map(({ fileName, match }) => ({ fileName, release: `${match[1]}q${match[2]}` }))
      .sort((a, b) => a.release.localeCompare(b.release))
      .map(({ fileName, release }) => [release, readCodeList(fileName)] as const),
  );
  return cachedLists;
}

/** The newest shipped HCPCS Level II code list. */
export function loadHcpcsLevel2Codes(): ReadonlySet<string> {
  const lists = [...loadHcpcsLevel2CodeLists().values()];
  const newest = lists.at(-1);
  if (!newest) throw new CodesetError('codeset_missing', 'No HCPCS Level II code list is shipped');
  return newest;
}

/** HCPCS Level II modifiers (two characters, e.g. `LT`, `GT`) with their short description. */
export function loadHcpcsLevel2Modifiers(): ReadonlyMap<string, string> {
  cachedModifiers ??= new Map(
    parseCsvRecords(readCodesetText(DESCRIBED_FILE))
      .filter((record) => record.recid === MODIFIER_RECORD)
      .map((record) => [record.hcpcs!.trim(), record.short_description!.trim()] as const),
  );
  return cachedModifiers;
}

function readCodeList(fileName: string): ReadonlySet<string> {
  const codes = readCodesetLines(fileName);
  if (!codes.every(isHcpcsLevel2Format)) {
    throw new CodesetError('codeset_malformed', `${fileName} holds a line that is not a HCPCS Level II code`);
  }
  return new Set(codes);
}

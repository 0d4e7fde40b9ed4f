import { parseCsvRecords } from '../text/parse-csv';
import { CodesetError } from './codeset-error';
import { readCodesetText } from './read-codeset';

/** NUCC v25.1, shipped unchanged: © AMA on behalf of NUCC, nucc.org (see codesets/SOURCES.md). */
const FILE_NAME = 'nucc_taxonomy_251.csv';
const TAXONOMY_CODE = /^[A-Z0-9]{9}X$/;

let cached: ReadonlyMap<string, string> | undefined;

/**
 * NUCC Health Care Provider Taxonomy codes (`207Q00000X` ...) with their display names. The file
 * has quoted fields that span lines and CRLF line ends, so it goes through the CSV parser.
 */
export function loadNuccTaxonomyCodes(): ReadonlyMap<string, string> {
  cached ??= readTaxonomy();
  return cached;
}

function readTaxonomy(): ReadonlyMap<string, string> {
  const codes = new Map<string, string>();
  for (const record of parseCsvRecords(readCodesetText(FILE_NAME))) {
    const code = record['Code'] ?? '';
    if (!TAXONOMY_CODE.test(code)) {
      throw new CodesetError('codeset_malformed', `${FILE_NAME} has a row whose Code is not a taxonomy code`);
    }
    codes.set(code, record['Display Name'] ?? '');
  }
  return codes;
}

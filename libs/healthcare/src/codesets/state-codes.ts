import { parseCsvRecords } from '../text/parse-csv';
import { CodesetError } from './codeset-error';
import { readCodesetText } from './read-codeset';

const FILE_NAME = 'tuva_ansi_fips_state.csv';
const USPS_ABBREVIATION = /^[A-Z]{2}$/;

let cached: ReadonlyMap<string, string> | undefined;

/**
 * USPS state abbreviations with their names: the 50 states, DC and the territories AS, GU, MP, PR
 * and VI (56 in all). Every one of them runs a Medicaid program.
 */
export function loadStateCodes(): ReadonlyMap<string, string> {
  cached ??= readStateCodes();
  return cached;
}

function readStateCodes(): ReadonlyMap<string, string> {
  const states = new Map<string, string>();
  for (const record of parseCsvRecords(readCodesetText(FILE_NAME))) {
    const abbreviation = record.ansi_fips_state_abbreviation ?? '';
    if (!USPS_ABBREVIATION.test(abbreviation)) {
      throw new CodesetError('codeset_malformed', `${FILE_NAME} has a row without a two-letter abbreviation`);
    }
    states.set(abbreviation, record.ansi_fips_state_name ?? '');
  }
  // The shipped ANSI file lacks the District of Columbia (FIPS 11), a Medicaid jurisdiction of its
  // own, so it is added here rather than by editing the checksummed file.
  states.set('DC', 'District of Columbia');
  return new Map([...states].sort(([a], [b]) => a.localeCompare(b)));
}

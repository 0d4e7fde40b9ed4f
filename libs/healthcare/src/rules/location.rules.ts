import { loadPlaceOfServiceCodes } from '../codesets/place-of-service';
import { loadStateCodes } from '../codesets/state-codes';
import { defineRule } from './define-rule';
import { fullMatch } from './sql/full-match-pattern';

/** Five digits, ZIP+4 with a hyphen, or the nine digits without it. */
export const ZIP_FORMAT = fullMatch('[0-9]{5}(-[0-9]{4})?|[0-9]{9}');

export const placeOfServiceUnknown = defineRule({
  id: 'place_of_service.unknown',
  family: 'code_validity',
  severity: 'error',
  roles: ['pos'],
  requires: ['pos'],
  description: 'A place of service is one of the CMS two-digit POS codes (e.g. 11 Office, 02 Telehealth), written with both digits.',
  message: 'Place of service is not a CMS place-of-service code',
  test: ({ pos }) => loadPlaceOfServiceCodes().has(pos),
  sql: ({ pos }, { ref }) => `${pos} IN (SELECT code FROM ${ref('place_of_service')})`,
});

export const stateUnknown = defineRule({
  id: 'state.unknown',
  family: 'code_validity',
  severity: 'error',
  roles: ['state'],
  requires: ['state'],
  description: 'A state is a USPS code of a state, DC or a territory (AS, GU, MP, PR, VI), upper case.',
  message: 'State is not a US state or territory code',
  test: ({ state }) => loadStateCodes().has(state),
  sql: ({ state }, { ref }) => `${state} IN (SELECT code FROM ${ref('us_states')})`,
});

export const zipFormat = defineRule({
  id: 'zip.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['zip'],
  requires: ['zip'],
  description: 'A ZIP code is 5 digits, ZIP+4 as 12345-6789, or 9 digits.',
  message: 'ZIP code is malformed',
  test: ({ zip }) => ZIP_FORMAT.test(zip),
  sql: ({ zip }, { dialect }) => ZIP_FORMAT.sql(zip, dialect),
});

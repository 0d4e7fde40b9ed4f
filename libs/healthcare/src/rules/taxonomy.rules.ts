import { loadNuccTaxonomyCodes } from '../codesets/nucc-taxonomy';
import { defineRule } from './define-rule';
import { fullMatch } from './sql/full-match-pattern';
import { onlyWhen } from './sql/sql-text';

/** Nine upper-case letters or digits, then X (`207Q00000X`). */
export const TAXONOMY_FORMAT = fullMatch('[A-Z0-9]{9}X');

export const taxonomyFormat = defineRule({
  id: 'taxonomy.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['taxonomy'],
  requires: ['taxonomy'],
  description: 'A provider taxonomy code is 9 upper-case letters or digits followed by X.',
  message: 'Provider taxonomy code is malformed',
  test: ({ taxonomy }) => TAXONOMY_FORMAT.test(taxonomy),
  sql: ({ taxonomy }, { dialect }) => TAXONOMY_FORMAT.sql(taxonomy, dialect),
});

export const taxonomyNotInCodeSet = defineRule({
  id: 'taxonomy.not_in_code_set',
  family: 'code_validity',
  severity: 'warning',
  roles: ['taxonomy'],
  requires: ['taxonomy'],
  description:
    'A well-formed taxonomy code should be in the shipped NUCC code set (v25.1). A warning: NUCC ' +
    'publishes twice a year, so a newer code can be real; retired codes also show up here.',
  message: 'Provider taxonomy code is not in the NUCC code set',
  test: ({ taxonomy }) => !TAXONOMY_FORMAT.test(taxonomy) || loadNuccTaxonomyCodes().has(taxonomy),
  sql: ({ taxonomy }, { ref, dialect }) =>
    onlyWhen(TAXONOMY_FORMAT.sql(taxonomy, dialect), `${taxonomy} IN (SELECT code FROM ${ref('nucc_taxonomy')})`),
});

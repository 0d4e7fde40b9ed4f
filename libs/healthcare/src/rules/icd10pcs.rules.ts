import { defineRule } from './define-rule';
import { fullMatch } from './sql/full-match-pattern';

/** Seven characters from 0-9 and A-Z without I and O (they read as 1 and 0), upper case. */
export const ICD10PCS_FORMAT = fullMatch('[0-9A-HJ-NP-Z]{7}');

export const icd10PcsFormat = defineRule({
  id: 'icd10pcs.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['code'],
  requires: ['code'],
  description: 'An ICD-10-PCS code is exactly 7 characters from 0-9 and A-Z except I and O.',
  message: 'ICD-10-PCS code is malformed',
  test: ({ code }) => ICD10PCS_FORMAT.test(code),
  sql: ({ code }, { dialect }) => ICD10PCS_FORMAT.sql(code, dialect),
});

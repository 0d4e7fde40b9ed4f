import { defineRule } from './define-rule';
import { fullMatch } from './sql/full-match-pattern';
import { onlyWhen } from './sql/sql-text';
import { isIcd9Diagnosis, isIcd9DiagnosisSql } from './values/diagnosis-code-system';

/**
 * ICD-9-CM diagnosis shape, dotted or not: three digits and up to two more (`250.00`, `25000`),
 * V and two digits and up to two more (`V72.31`), or E and three digits and up to one more
 * (`E849.7`), the dot only after the category. Upper case only, as for ICD-10-CM.
 */
export const ICD9CM_FORMAT = fullMatch('[0-9]{3}(\\.[0-9]{1,2})?|[0-9]{3,5}|V[0-9]{2}(\\.[0-9]{1,2})?|V[0-9]{2,4}|E[0-9]{3}(\\.[0-9])?|E[0-9]{3,4}');

export const icd9CmFormat = defineRule({
  id: 'icd9cm.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['code', 'serviceDate', 'codeType'],
  requires: ['code'],
  description:
    'A diagnosis of the ICD-9-CM era (its code type says ICD-9, or without one its date of service is before ' +
    '2015-10-01) is three digits and up to two more, V and two digits and up to two more, or E and three ' +
    'digits and up to one more, with or without the dot after the category. Judged by format only: no ' +
    'ICD-9-CM code set ships.',
  message: 'ICD-9-CM code is malformed',
  test: ({ code, serviceDate, codeType }) => !isIcd9Diagnosis(codeType, serviceDate) || ICD9CM_FORMAT.test(code),
  sql: ({ code, serviceDate, codeType }, context) => onlyWhen(isIcd9DiagnosisSql(codeType, serviceDate, context), ICD9CM_FORMAT.sql(code, context.dialect)),
});

import { CONCEPT_PARTITIONS, isSnomedConceptId, VERHOEFF_MULTIPLY, VERHOEFF_PERMUTE } from '../identifiers/snomed-ct';
import { defineRule } from './define-rule';
import { fullMatch } from './sql/full-match-pattern';
import type { ExpressionDialect } from './sql/expression-dialect';
import { atomic, onlyWhen } from './sql/sql-text';
import { isSnomedDiagnosis, isSnomedDiagnosisSql } from './values/diagnosis-code-system';

/** 6 to 18 ASCII digits, no leading zero (SNOMED CT Technical Implementation Guide, SCTID). */
export const SCTID_FORMAT = fullMatch('[1-9][0-9]{5,17}');

export const snomedCtFormat = defineRule({
  id: 'snomedct.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['code', 'codeType'],
  requires: ['code'],
  description:
    'A diagnosis whose code type says SNOMED CT (as Synthea writes them) is a concept id: 6 to 18 digits with no ' +
    'leading zero, partition 00 or 10 (a concept, not a description or relationship) and a valid Verhoeff check digit.',
  message: 'SNOMED CT code is not a well-formed concept id',
  test: ({ code, codeType }) => !isSnomedDiagnosis(codeType) || isSnomedConceptId(code),
  sql: ({ code, codeType }, { dialect }) => onlyWhen(isSnomedDiagnosisSql(codeType, dialect), conceptIdSql(code, dialect)),
});

/**
 * Shape, partition and Verhoeff check in one expression: the digits, last first, folded through
 * the multiplication and permutation tables (indexes are 1-based). Only reached for digits.
 */
function conceptIdSql(code: string, dialect: ExpressionDialect): string {
  const multiply = dialect.integerMatrix(VERHOEFF_MULTIPLY);
  const permute = dialect.integerMatrix(VERHOEFF_PERMUTE);
  const verhoeff = dialect.foldDigitsFromRight(code, 0, (acc, digit, position) =>
    dialect.matrixAt(multiply, `${acc} + 1`, `${dialect.matrixAt(permute, `(${position} - 1) % 8 + 1`, `${digit} + 1`)} + 1`),
  );
  const partition = `substr(${code}, length(${code}) - 2, 2) IN (${CONCEPT_PARTITIONS.map(dialect.string).join(', ')})`;
  return `CASE WHEN ${atomic(SCTID_FORMAT.sql(code, dialect))} AND ${partition} THEN ${verhoeff} = 0 ELSE false END`;
}

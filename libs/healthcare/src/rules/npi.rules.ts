import { isValidNpi } from '../identifiers/npi';
import { defineRule } from './define-rule';
import type { ExpressionDialect } from './sql/expression-dialect';
import { fullMatch } from './sql/full-match-pattern';
import { onlyWhen } from './sql/sql-text';

/** 10 ASCII digits, the first 1 (individual) or 2 (organization). */
export const NPI_FORMAT = fullMatch('[12][0-9]{9}');

export const npiFormat = defineRule({
  id: 'npi.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['npi'],
  requires: ['npi'],
  description: 'An NPI is 10 digits and starts with 1 or 2 (45 CFR 162.406).',
  message: 'NPI is not 10 digits starting with 1 or 2',
  test: ({ npi }) => NPI_FORMAT.test(npi),
  sql: ({ npi }, { dialect }) => NPI_FORMAT.sql(npi, dialect),
});

export const npiCheckDigit = defineRule({
  id: 'npi.check_digit',
  family: 'code_validity',
  severity: 'error',
  roles: ['npi'],
  requires: ['npi'],
  description:
    'A well-formed NPI ends in the Luhn check digit of its first nine digits with the US health prefix ' +
    '80840 in front (CMS). Malformed values pass: npi.format reports them.',
  message: 'NPI check digit is wrong',
  test: ({ npi }) => !NPI_FORMAT.test(npi) || isValidNpi(npi),
  sql: ({ npi }, { dialect }) => onlyWhen(NPI_FORMAT.sql(npi, dialect), `${npiLuhnSumSql(npi, dialect)} % 10 = 0`),
});

/**
 * The Luhn sum over all ten digits: the prefix 80840 always contributes 24, then from the right
 * the check digit is taken as is, the ninth digit doubled, the eighth as is, and so on. Digits are
 * taken arithmetically from the number (a doubled digit d contributes 2d - 9 when d >= 5), which
 * DuckDB vectorizes far better than per-character string functions. Meaningful on ten ASCII
 * digits only; TRY_CAST keeps it harmless on anything else.
 */
function npiLuhnSumSql(npi: string, dialect: ExpressionDialect): string {
  const number = dialect.tryCast(npi, 'BIGINT');
  const digit = (position: number) => `((${dialect.intDivide(number, String(10 ** (10 - position)))}) % 10)`;
  const doubled = (position: number) => `(2 * ${digit(position)} - 9 * (${dialect.intDivide(digit(position), '5')}))`;
  const terms = Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? doubled(index + 1) : digit(index + 1)));
  return `(24 + ${terms.join(' + ')})`;
}

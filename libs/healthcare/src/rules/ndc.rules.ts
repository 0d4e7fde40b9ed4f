import { defineRule } from './define-rule';
import type { ExpressionDialect } from './sql/expression-dialect';
import { fullMatch } from './sql/full-match-pattern';

/**
 * National Drug Codes as labels print them: ten digits in the 4-4-2, 5-3-2 or 5-4-1 hyphenated
 * forms (labeler-product-package), or the eleven-digit 5-4-2 form that HIPAA claims use, with or
 * without hyphens. Ten digits without hyphens are refused: which segment to pad is unknowable.
 */
const NDC_4_4_2 = '[0-9]{4}-[0-9]{4}-[0-9]{2}';
const NDC_5_3_2 = '[0-9]{5}-[0-9]{3}-[0-9]{2}';
const NDC_5_4_1 = '[0-9]{5}-[0-9]{4}-[0-9]';
const NDC_5_4_2 = '[0-9]{5}-[0-9]{4}-[0-9]{2}|[0-9]{11}';
export const NDC_FORMAT = fullMatch([NDC_4_4_2, NDC_5_3_2, NDC_5_4_1, NDC_5_4_2].join('|'));

/** Which segment each ten-digit form zero-pads to reach 5-4-2. */
const PADDED_FORMS = [
  { pattern: fullMatch(NDC_4_4_2), sql: (ndc: string) => `'0' || replace(${ndc}, '-', '')` },
  { pattern: fullMatch(NDC_5_3_2), sql: (ndc: string) => `substr(${ndc}, 1, 5) || '0' || substr(${ndc}, 7, 3) || substr(${ndc}, 11, 2)` },
  { pattern: fullMatch(NDC_5_4_1), sql: (ndc: string) => `substr(${ndc}, 1, 5) || substr(${ndc}, 7, 4) || '0' || substr(${ndc}, 12, 1)` },
  { pattern: fullMatch(NDC_5_4_2), sql: (ndc: string) => `replace(${ndc}, '-', '')` },
];

/** The 11-digit 5-4-2 NDC without hyphens (`0002-1433-80` → `00002143380`), or null when malformed. */
export function normalizeNdc11(value: string | null): string | null {
  if (value === null || !NDC_FORMAT.test(value)) return null;
  // A well-formed NDC has three segments, hyphenated or at the 5-4-2 positions.
  const [labeler, product, pack] = (value.includes('-') ? value.split('-') : [value.slice(0, 5), value.slice(5, 9), value.slice(9)]) as [string, string, string];
  return labeler.padStart(5, '0') + product.padStart(4, '0') + pack.padStart(2, '0');
}

/** The SQL twin of normalizeNdc11: 11 digits as text, or NULL. */
export function normalizeNdc11Sql(operand: string, dialect: ExpressionDialect): string {
  const branches = PADDED_FORMS.map(({ pattern, sql }) => `WHEN ${pattern.sql(operand, dialect)} THEN ${sql(operand)}`);
  return ['CASE', ...branches, 'END'].join(' ');
}

export const ndcFormat = defineRule({
  id: 'ndc.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['ndc'],
  requires: ['ndc'],
  description: 'An NDC is 10 digits hyphenated 4-4-2, 5-3-2 or 5-4-1, or 11 digits as 5-4-2 with or without hyphens.',
  message: 'NDC is not in a 4-4-2, 5-3-2, 5-4-1 or 5-4-2 form',
  test: ({ ndc }) => NDC_FORMAT.test(ndc),
  sql: ({ ndc }, { dialect }) => NDC_FORMAT.sql(ndc, dialect),
});

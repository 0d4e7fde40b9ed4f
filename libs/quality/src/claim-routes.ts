import type { DataType } from '@ade/contracts';
import { canonicalSchema, mapHeaders, normalizeHeader, type HeaderMapping } from '@ade/healthcare';
import { sourceColumnSql } from './source-table';
import { quoteString } from './sql/identifiers';
import type { SqlCheck } from './sql/check-sql';

/**
 * The claim types a mixed medical-claim file routes by, as the Tuva input layer's
 * `medical_claim.claim_type` spells them, and the rule sets that judge each.
 */
export const CLAIM_TYPE_ROUTES: ReadonlyArray<{ claimType: string; type: DataType }> = [
  { claimType: 'professional', type: 'professional_claims' },
  { claimType: 'institutional', type: 'institutional_claims' },
];

export const UNROUTED_RULE_ID = 'routing.claim_type';

export interface ClaimRoute {
  claimType: string;
  type: DataType;
  /** The file's columns by the route type's names and synonyms. */
  mapping: HeaderMapping;
}

export interface ClaimRouting {
  /** The file's claim type header. */
  column: string;
  routes: ClaimRoute[];
}

/**
 * How a medical-claim file that mixes professional and institutional lines is judged, or null
 * for any other file. Such a file (the Tuva input layer's `medical_claim`) names its columns as
 * the canonical schemas do and carries both claim forms' own fields, place of service and type of
 * bill, next to `claim_type`, which sends each line to its form's rules.
 */
export function claimRouting(headers: readonly string[], type: DataType): ClaimRouting | null {
  if (!CLAIM_TYPE_ROUTES.some((route) => route.type === type)) return null;
  const byKey = new Map(headers.map((header) => [normalizeHeader(header), header]));
  const column = byKey.get(normalizeHeader('claim_type'));
  if (column === undefined || !byKey.has(normalizeHeader('place_of_service_code')) || !byKey.has(normalizeHeader('bill_type_code'))) return null;
  return { column, routes: CLAIM_TYPE_ROUTES.map((route) => ({ ...route, mapping: mapHeaders(headers, canonicalSchema(route.type)) })) };
}

/** The claim type of a row, as the routes compare it: trimmed and lower-cased. */
function claimTypeSql(column: string): string {
  return `lower(trim(${sourceColumnSql(column)}))`;
}

/** A route's check: it judges the lines of its claim type and passes every other line. */
export function routedCheck(check: SqlCheck, column: string, claimType: string): SqlCheck {
  return { ...check, passSql: `NOT coalesce(${claimTypeSql(column)} = ${quoteString(claimType)}, false) OR (${check.passSql})` };
}

export const UNROUTED_MESSAGE = `Claim type is not one of ${CLAIM_TYPE_ROUTES.map((route) => route.claimType).join(' or ')}, so no rule set judged the line`;

/** TRUE when a claim type (compared trimmed and lower-cased) is one of these routes'; FALSE for any other, NULL included. */
export function claimTypeOfSql(value: string, routes: ReadonlyArray<{ claimType: string }>): string {
  return `coalesce(lower(trim(${value})) IN (${routes.map((route) => quoteString(route.claimType)).join(', ')}), false)`;
}

/** TRUE when a claim type is one a route judges. */
export function isRoutedClaimTypeSql(value: string): string {
  return claimTypeOfSql(value, CLAIM_TYPE_ROUTES);
}

/** Lines of no route's claim type would be judged by no rules: each is a violation of its own. */
export function unroutedCheck(no: number, column: string): SqlCheck {
  return { no, ruleId: UNROUTED_RULE_ID, severity: 'error', message: UNROUTED_MESSAGE, column, passSql: isRoutedClaimTypeSql(sourceColumnSql(column)) };
}

import type { SqlRenderContext } from '../rule';
import type { ExpressionDialect } from '../sql/expression-dialect';
import { claimDateIn, parseClaimDate } from './claim-date';

/** ICD-10-CM replaced ICD-9-CM for services (inpatient: discharges) on and after this day. */
export const ICD10CM_EFFECTIVE = '2015-10-01';

/**
 * Code types that name each system, compared after trimming spaces and lower-casing: the usual
 * spellings and the CCW version codes. Exact matches keep the SQL cheap (no regular expression per
 * diagnosis per row); any other type leaves the date to decide.
 */
export const ICD9_TYPES = ['9', 'icd9', 'icd-9', 'icd 9', 'icd9cm', 'icd9-cm', 'icd-9-cm', 'icd 9 cm'];
export const ICD10_TYPES = ['0', '10', 'icd10', 'icd-10', 'icd 10', 'icd10cm', 'icd10-cm', 'icd-10-cm', 'icd 10 cm'];
/** SNOMED CT, as Synthea and FHIR name it (`http://snomed.info/sct`): judged by snomedct.format, never by the ICD rules. */
export const SNOMED_TYPES = ['snomed', 'snomedct', 'snomed ct', 'snomed-ct', 'sct', 'http://snomed.info/sct'];

function typeKey(codeType: string | null | undefined): string {
  // No ASCII guard is needed here, unlike in SQL: JavaScript trims spaces only (as written) and
  // lower-cases no other character to an ASCII letter of these names.
  // Stryker disable next-line StringLiteral: an absent type and any other text that names no system are alike
  const text = codeType ?? '';
  return text.replace(/^ +| +$/g, '').toLowerCase();
}

/** Whether the code type names SNOMED CT. */
export function isSnomedDiagnosis(codeType: string | null | undefined): boolean {
  return SNOMED_TYPES.includes(typeKey(codeType));
}

/**
 * Whether a diagnosis is ICD-9-CM: its code type says so (`icd-9-cm`, `ICD9`, or the CCW version
 * code `9`), or, when the type names no system, its date of service is before 2015-10-01.
 * Anything else is ICD-10-CM or SNOMED CT (by its type), a missing or unreadable date included
 * (the newest code set judges).
 */
export function isIcd9Diagnosis(codeType: string | null | undefined, serviceDate: string | null | undefined): boolean {
  const key = typeKey(codeType);
  if (ICD9_TYPES.includes(key)) return true;
  if (ICD10_TYPES.includes(key) || SNOMED_TYPES.includes(key)) return false;
  const day = parseClaimDate(serviceDate);
  return day !== null && day < ICD10CM_EFFECTIVE;
}

/** The SQL twin of isIcd9Diagnosis: TRUE or FALSE, never NULL. */
export function isIcd9DiagnosisSql(codeType: string, serviceDate: string, context: Pick<SqlRenderContext, 'claimDate' | 'dialect'>): string {
  return (
    `(CASE WHEN ${typeNamesSql(codeType, ICD9_TYPES, context.dialect)} THEN true WHEN ${typeNamesSql(codeType, [...ICD10_TYPES, ...SNOMED_TYPES], context.dialect)} THEN false ` +
    `ELSE coalesce(${claimDateIn(serviceDate, context)} < DATE '${ICD10CM_EFFECTIVE}', false) END)`
  );
}

/** The SQL twin of isSnomedDiagnosis: TRUE or FALSE, never NULL. */
export function isSnomedDiagnosisSql(codeType: string, dialect: ExpressionDialect): string {
  return typeNamesSql(codeType, SNOMED_TYPES, dialect);
}

function typeNamesSql(codeType: string, keys: readonly string[], dialect: ExpressionDialect): string {
  // ASCII only (as many bytes as characters): DuckDB's trim() also removes other spaces, and its
  // lower() maps İ to i, where JavaScript does neither.
  return `coalesce(${dialect.byteLength(codeType)} = length(${codeType}) AND ${dialect.isOneOf(`lower(trim(${codeType}))`, keys)}, false)`;
}

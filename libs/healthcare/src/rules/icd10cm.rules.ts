import { isIcd10CmFormat, toDotlessIcd10Cm } from '../formats/icd10cm-format';
import { icd10CmStatusOn, OPEN_END, type Icd10CmStatus } from '../reference/icd10cm-calendar';
import type { ReferenceTable, SqlRenderContext } from './rule';
import { defineRule } from './define-rule';
import { icd10CmLookupKeySql } from './icd10cm-lookups';
import { fullMatch } from './sql/full-match-pattern';
import { onlyWhen } from './sql/sql-text';
import { claimDateIn, parseClaimDate } from './values/claim-date';
import { isIcd9Diagnosis, isIcd9DiagnosisSql, isSnomedDiagnosis, isSnomedDiagnosisSql } from './values/diagnosis-code-system';

/**
 * The three ICD-10-CM rules judge only diagnoses of the ICD-10-CM era; an ICD-9-CM one (by its
 * code type, or by a date of service before 2015-10-01) is icd9cm.format's.
 */
const ROLES = ['code', 'serviceDate', 'codeType'] as const;
const icd10Era = (inputs: { serviceDate?: string | null; codeType?: string | null }) =>
  !isIcd9Diagnosis(inputs.codeType, inputs.serviceDate) && !isSnomedDiagnosis(inputs.codeType);
const icd10EraSql = (codeType: string, serviceDate: string, context: SqlRenderContext) =>
  `NOT ${isIcd9DiagnosisSql(codeType, serviceDate, context)} AND NOT ${isSnomedDiagnosisSql(codeType, context.dialect)}`;

/**
 * ICD-10-CM shape, dotted (`E11.9`) or dotless (`E119`): a letter, two letters-or-digits (QA0,
 * C4A, M1A, Z3A), then up to four more (placeholder X and 7th characters are letters), at most
 * seven without the dot, the dot only after the third. Upper case only: a case repair runs before
 * validation, and a lower-case code is reported here rather than silently accepted. The same shape
 * as isIcd10CmFormat (src/formats), which the predicate calls.
 */
export const ICD10CM_FORMAT = fullMatch('[A-Z][0-9A-Z]{2}(\\.[0-9A-Z]{1,4})?|[A-Z][0-9A-Z]{2,6}');

export const icd10CmFormat = defineRule({
  id: 'icd10cm.format',
  family: 'code_validity',
  severity: 'error',
  roles: ROLES,
  requires: ['code'],
  description:
    'An ICD-10-CM code is a letter, two letters or digits, then optionally a dot and up to four letters ' +
    'or digits (or the same without the dot), upper case. Diagnoses of the ICD-9-CM era are left to icd9cm.format.',
  message: 'ICD-10-CM code is malformed',
  test: (inputs) => !icd10Era(inputs) || isIcd10CmFormat(inputs.code),
  sql: ({ code, serviceDate, codeType }, context) => onlyWhen(icd10EraSql(codeType, serviceDate, context), ICD10CM_FORMAT.sql(code, context.dialect)),
});

export const icd10CmHeaderCode = defineRule({
  id: 'icd10cm.header_code',
  family: 'code_validity',
  severity: 'error',
  roles: ROLES,
  requires: ['code'],
  description:
    'A well-formed ICD-10-CM code must not be a header (category) code on the date of service: not ' +
    'billable that day, but the prefix of a code that is. Without a readable date of service, the newest ' +
    'code set judges.',
  message: 'ICD-10-CM code is a non-billable header code on the date of service',
  test: (inputs) => !icd10Era(inputs) || statusOn(inputs.code, inputs.serviceDate) !== 'header',
  sql: ({ code, serviceDate, codeType }, context) =>
    onlyWhen(`${icd10EraSql(codeType, serviceDate, context)} AND ${ICD10CM_FORMAT.sql(code, context.dialect)}`, `NOT ${onDateSql('header', code, serviceDate, context)}`),
});

export const icd10CmNotValidOnDate = defineRule({
  id: 'icd10cm.not_valid_on_date',
  family: 'code_validity',
  severity: 'error',
  roles: ROLES,
  requires: ['code'],
  description:
    'A well-formed ICD-10-CM code that is not a header must be billable in the code set in effect on the ' +
    'date of service: the fiscal-year file (from 1 October) plus that year\'s mid-year changes up to the ' +
    'date. A diagnosis the code type marks ICD-10-CM is judged on a date before 2015-10-01 too (nothing is ' +
    'valid then); dates after the newest fiscal year, and missing or unreadable dates, are judged by the newest set.',
  message: 'ICD-10-CM code is not valid on the date of service',
  test: (inputs) => !icd10Era(inputs) || statusOn(inputs.code, inputs.serviceDate) !== 'unknown',
  sql: ({ code, serviceDate, codeType }, context) =>
    onlyWhen(`${icd10EraSql(codeType, serviceDate, context)} AND ${ICD10CM_FORMAT.sql(code, context.dialect)}`, onDateSql('billable or header', code, serviceDate, context)),
});

/** Status of a code on the date of service; malformed codes count as billable (another rule owns them). */
function statusOn(code: string, serviceDate: string | null): Icd10CmStatus {
  if (!isIcd10CmFormat(code)) return 'billable';
  return icd10CmStatusOn(toDotlessIcd10Cm(code), parseClaimDate(serviceDate) ?? OPEN_END);
}

/**
 * TRUE when the dotless code has an interval of the given kind covering the date of service (or
 * 9999-12-31, the newest code set, when the date does not parse). With joined intervals
 * (context.icd10CmIntervals) the engine has looked the code up once for every rule that reads it.
 * Otherwise DuckDB plans this correlated EXISTS as a hash join on the code with the date range
 * checked on matches (see reference/icd10cm-lookup-plan.spec.ts); two tables go through one UNION
 * ALL, so one join. The columns are renamed in the FROM clause so an unqualified input column can
 * never bind to them.
 */
function onDateSql(kind: 'header' | 'billable or header', code: string, serviceDate: string, context: SqlRenderContext): string {
  const day = `coalesce(${claimDateIn(serviceDate, context)}, DATE '${OPEN_END}')`;
  if (context.icd10CmIntervals) {
    const covering = context.icd10CmIntervals(code).map(
      (slot) => `(${day} BETWEEN ${slot.validFrom} AND ${slot.validTo}${kind === 'header' ? ` AND ${slot.header}` : ''})`,
    );
    return `coalesce(${covering.join(' OR ')}, false)`;
  }
  const intervals = (table: ReferenceTable) => `SELECT code, valid_from, valid_to FROM ${context.ref(table)}`;
  const source = kind === 'header' ? context.ref('icd10cm_headers') : `(${intervals('icd10cm_validity')} UNION ALL ${intervals('icd10cm_headers')})`;
  return `EXISTS (SELECT 1 FROM ${source} AS ref_interval(ref_code, ref_from, ref_to) WHERE ref_code = ${icd10CmLookupKeySql(code)} AND ${day} BETWEEN ref_from AND ref_to)`;
}

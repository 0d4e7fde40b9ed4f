import type { CanonicalColumn, CanonicalSchema } from '../schemas/canonical-schema';
import { isConstantBinding } from '../schemas/canonical-schema';
import { AMOUNT } from '../rules/values/amount';
import { claimDateSql } from '../rules/values/claim-date';
import { ICD9CM_FORMAT } from '../rules/icd9cm.rules';
import { ICD10PCS_FORMAT } from '../rules/icd10pcs.rules';
import { MBI_FORMAT } from '../rules/member-id.rules';
import { NDC_FORMAT } from '../rules/ndc.rules';
import { npiCheckDigit, NPI_FORMAT } from '../rules/npi.rules';
import { MODIFIER_FORMAT, PROCEDURE_FORMAT } from '../rules/procedure.rules';
import { TAXONOMY_FORMAT } from '../rules/taxonomy.rules';
import { placeOfServiceUnknown, stateUnknown, ZIP_FORMAT } from '../rules/location.rules';
import { ICD9_TYPES, ICD10_TYPES } from '../rules/values/diagnosis-code-system';
import type { ReferenceTable, SqlRenderContext } from '../rules/rule';
import type { ExpressionDialect } from '../rules/sql/expression-dialect';
import { todayIsoDate } from '../dates/iso-date';
import { loadStatePack } from '../states';

/**
 * A test one value of a column is put to while profiling, as SQL over a trimmed, non-blank
 * text value, in the dialect of the engine profiling (DuckDB before a file lands anywhere, or the
 * tenant's catalog engine for bronze). Each is the rules' own reading of that kind of value.
 */
export const VALUE_PROBES = {
  npi: { describe: 'valid NPIs (10 digits, Luhn check digit)', sql: (v, ref, dialect) => `(${NPI_FORMAT.sql(v, dialect)} AND (${npiCheckDigit.sql({ npi: v }, contextWith(ref, dialect))}))` },
  icd10cm: { describe: 'ICD-10-CM codes of some fiscal year', sql: (v, ref) => `replace(upper(${v}), '.', '') IN (SELECT code FROM ${ref('icd10cm_validity')})` },
  icd9cm: { describe: 'shaped like ICD-9-CM diagnoses', sql: (v, _ref, dialect) => ICD9CM_FORMAT.sql(v, dialect) },
  icd10pcs: { describe: 'shaped like ICD-10-PCS procedures', sql: (v, _ref, dialect) => ICD10PCS_FORMAT.sql(v, dialect) },
  procedure: { describe: 'shaped like CPT or HCPCS codes', sql: (v, _ref, dialect) => PROCEDURE_FORMAT.sql(v, dialect) },
  modifier: { describe: 'two-character modifiers', sql: (v, _ref, dialect) => MODIFIER_FORMAT.sql(v, dialect) },
  ndc: { describe: 'NDCs in a 4-4-2, 5-3-2, 5-4-1 or 5-4-2 form', sql: (v, _ref, dialect) => NDC_FORMAT.sql(v, dialect) },
  mbi: { describe: 'MBIs', sql: (v, _ref, dialect) => MBI_FORMAT.sql(v, dialect) },
  taxonomy: { describe: 'shaped like NUCC taxonomy codes', sql: (v, _ref, dialect) => TAXONOMY_FORMAT.sql(v, dialect) },
  place_of_service: { describe: 'CMS place-of-service codes', sql: (v, ref, dialect) => placeOfServiceUnknown.sql({ pos: v }, contextWith(ref, dialect)) },
  state: { describe: 'US state codes', sql: (v, ref, dialect) => stateUnknown.sql({ state: v }, contextWith(ref, dialect)) },
  zip: { describe: 'ZIP codes', sql: (v, _ref, dialect) => ZIP_FORMAT.sql(v, dialect) },
  date: { describe: 'dates from 1900 to 2099', sql: (v, _ref, dialect) => `coalesce(${claimDateSql(v, dialect)} BETWEEN DATE '1900-01-01' AND DATE '2099-12-31', false)` },
  amount: { describe: 'numbers', sql: (v, _ref, dialect) => AMOUNT.sql(v, dialect) },
  code_type: { describe: 'code-system markers (0, 9, ICD-10-CM, ...)', sql: (v, _ref, dialect) => `lower(${v}) IN (${CODE_TYPE_MARKERS.map(dialect.string).join(', ')})` },
} as const satisfies Record<string, { describe: string; sql(value: string, ref: Ref, dialect: ExpressionDialect): string }>;

/**
 * How files mark the code system of their diagnoses (as the diagnosis rules read a code type,
 * CCW version codes 0 and 9 included) or procedures (Tuva's names).
 */
const CODE_TYPE_MARKERS = [...ICD9_TYPES, ...ICD10_TYPES, 'icd-9-pcs', 'icd-10-pcs'];

export type ProbeId = keyof typeof VALUE_PROBES;
export const PROBE_IDS = Object.keys(VALUE_PROBES) as ProbeId[];

type Ref = (table: ReferenceTable) => string;

/** None of the probed rules depends on the day or the state, so any will do. */
function contextWith(ref: Ref, dialect: ExpressionDialect): SqlRenderContext {
  return { dialect, ref, asOf: todayIsoDate(), statePack: loadStatePack() };
}

/**
 * The kind of value a canonical column holds, read from the rules its schema binds to it as the
 * judged input (npi.check_digit makes an NPI column, date.format a date column, ...). The probes
 * it is profiled by, best first: a diagnosis is an ICD-10-CM code or, in older claims, ICD-9-CM.
 */
export function probesFor(column: CanonicalColumn, schema: CanonicalSchema): readonly ProbeId[] {
  for (const check of schema.checks) {
    // Every binding names at least one column: the judged one comes first.
    const judged = Object.values(check.columns)[0]!;
    if (judged !== column.name || isConstantBinding(judged)) continue;
    const probes = PROBES_BY_RULE[check.rule];
    if (probes) return probes;
  }
  if (column.name.endsWith('_code_type')) return ['code_type'];
  // Dates are all bound to date.format; counts and quantities have no rule of their own.
  if (column.type === 'decimal' || column.type === 'integer') return ['amount'];
  return [];
}

const PROBES_BY_RULE: Readonly<Record<string, readonly ProbeId[]>> = {
  'npi.format': ['npi'],
  'icd10cm.format': ['icd10cm', 'icd9cm'],
  'icd10pcs.format': ['icd10pcs'],
  'procedure.format': ['procedure'],
  'hcpcs.modifier_format': ['modifier'],
  'ndc.format': ['ndc'],
  'mbi.format': ['mbi'],
  'taxonomy.format': ['taxonomy'],
  'place_of_service.unknown': ['place_of_service'],
  'state.unknown': ['state'],
  'zip.format': ['zip'],
  'date.format': ['date'],
  'amount.format': ['amount'],
};

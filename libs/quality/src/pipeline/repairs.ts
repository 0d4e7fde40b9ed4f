import { claimDateSql, isIcd9DiagnosisSql, isSnomedDiagnosisSql, normalizeNdc11Sql, type CanonicalSchema } from '@ade/healthcare';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';

/**
 * Repairs made before judging: each one turns a value the rules would refuse, or would read
 * differently, into the form silver stores, and changes nothing else. The original stays in bronze
 * and in the row's `_repairs` note, so every repair can be undone.
 */
export const REPAIR_IDS = ['code.trim_upper', 'icd10cm.restore_dot', 'ndc.pad_11', 'date.normalize', 'amount.normalize'] as const;
export type RepairId = (typeof REPAIR_IDS)[number];

export type ColumnKind = 'icd10cm' | 'ndc' | 'code' | 'date' | 'amount' | 'plain';

/** Rules whose input is a code: the column's value is trimmed and upper-cased before judging. */
const CODE_RULES: Readonly<Record<string, Exclude<ColumnKind, 'date' | 'amount' | 'plain'>>> = {
  'icd10cm.format': 'icd10cm',
  'ndc.format': 'ndc',
  'icd10pcs.format': 'code',
  'procedure.format': 'code',
  'cpt.format': 'code',
  'hcpcs.format': 'code',
  'hcpcs.modifier_format': 'code',
  'mbi.format': 'code',
  'taxonomy.format': 'code',
  'state.unknown': 'code',
  'place_of_service.unknown': 'code',
  'npi.format': 'code',
};

/** What each canonical column of the schema is, for repairs. */
export function columnKinds(schema: CanonicalSchema): Map<string, ColumnKind> {
  const kinds = new Map<string, ColumnKind>();
  for (const column of schema.columns) {
    if (column.type === 'date') kinds.set(column.name, 'date');
    else if (column.type === 'decimal' && column.name.endsWith('_amount')) kinds.set(column.name, 'amount');
    else kinds.set(column.name, 'plain');
  }
  for (const binding of schema.checks) {
    const kind = CODE_RULES[binding.rule];
    if (!kind) continue;
    for (const column of Object.values(binding.columns)) {
      if (kinds.get(column) === 'plain' || (kind !== 'code' && kinds.get(column) === 'code')) kinds.set(column, kind);
    }
  }
  return kinds;
}

/** The columns that say which code system a diagnosis column's value is from. */
export interface CodeSystemColumns {
  codeType: string;
  serviceDate: string;
}

/** For each diagnosis column: its code type and date of service columns, as its ICD-10-CM rules read them. */
export function codeSystemColumns(schema: CanonicalSchema): Map<string, CodeSystemColumns> {
  const systems = new Map<string, CodeSystemColumns>();
  for (const binding of schema.checks) {
    const { code, codeType, serviceDate } = binding.columns;
    if (binding.rule === 'icd10cm.format' && code && codeType && serviceDate) systems.set(code, { codeType, serviceDate });
  }
  return systems;
}

/** The row's code type and date of service as SQL (NULL when the row has none), for a diagnosis repair. */
export interface CodeSystemInputs {
  codeType: string;
  serviceDate: string;
}

/** The two steps of a column's repair, over SQL expressions of its (blank → NULL) value. */
export interface ColumnRepair {
  /** Step one: trimming (and upper-casing codes). */
  first: { id: RepairId; sql(value: string): string } | null;
  /** Step two, over step one's result; a diagnosis's also reads which code system the row is in. */
  second: { id: RepairId; sql(value: string, system: CodeSystemInputs): string } | null;
}

const ICD_WITHOUT_DOT = '[A-Z][0-9][0-9A-Z][0-9A-Z]{1,4}';
const NDC_HYPHENATED_OR_TEN = '[0-9]{4}-[0-9]{4}-[0-9]{2}|[0-9]{5}-[0-9]{3}-[0-9]{2}|[0-9]{5}-[0-9]{4}-[0-9]|[0-9]{5}-[0-9]{4}-[0-9]{2}';
// After the T, only what a time of day claimDateSql parses can hold (a repair needs the parse too).
const OTHER_DATE_FORMS = '[0-9]{8}|[0-9]{2}/[0-9]{2}/[0-9]{4}|[0-9]{2}-[A-Za-z]{3}-[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.+Z-]+';
/** An optional sign and dollar sign, digits with or without thousands separators, optional decimals. */
const DECORATED_AMOUNT = '(-?\\$?|\\$-)([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]+)?';

const trimUpper = { id: 'code.trim_upper' as const, sql: (value: string) => `upper(trim(${value}))` };
const trimOnly = { id: 'code.trim_upper' as const, sql: (value: string) => `trim(${value})` };

export function repairFor(kind: ColumnKind, stage: StageDialect = duckdbStage): ColumnRepair {
  const dialect = stage.expressions;
  switch (kind) {
    case 'icd10cm':
      return {
        first: trimUpper,
        second: {
          id: 'icd10cm.restore_dot',
          // Only an ICD-10-CM code lost its dot: a dotless ICD-9-CM E or V code (E8497) has the
          // same shape, and SNOMED CT ids have no dot to restore.
          sql: (value, system) =>
            `CASE WHEN NOT ${isIcd9DiagnosisSql(system.codeType, system.serviceDate, { dialect })} AND NOT ${isSnomedDiagnosisSql(system.codeType, dialect)} ` +
            `AND ${dialect.fullMatch(value, ICD_WITHOUT_DOT)} THEN substr(${value}, 1, 3) || '.' || substr(${value}, 4) ELSE ${value} END`,
        },
      };
    case 'ndc':
      return {
        first: trimUpper,
        second: {
          id: 'ndc.pad_11',
          sql: (value) => `CASE WHEN ${dialect.fullMatch(value, NDC_HYPHENATED_OR_TEN)} THEN ${normalizeNdc11Sql(value, dialect)} ELSE ${value} END`,
        },
      };
    case 'code':
      return { first: trimUpper, second: null };
    case 'date':
      return {
        first: trimOnly,
        second: {
          id: 'date.normalize',
          sql: (value) =>
            `CASE WHEN ${dialect.fullMatch(value, OTHER_DATE_FORMS)} AND ${claimDateSql(value, dialect)} IS NOT NULL THEN ${stage.isoDateText(claimDateSql(value, dialect))} ELSE ${value} END`,
        },
      };
    case 'amount':
      return {
        first: trimOnly,
        second: {
          id: 'amount.normalize',
          sql: (value) =>
            `CASE WHEN (contains(${value}, '$') OR contains(${value}, ',')) AND ${dialect.fullMatch(value, DECORATED_AMOUNT)} THEN replace(replace(${value}, '$', ''), ',', '') ELSE ${value} END`,
        },
      };
    case 'plain':
      return { first: null, second: null };
  }
}

/** The note a repaired row keeps for one column: the `"<column>": {"from": "<raw>", "repairs": "a,b"}` member of stage.object. */
export function repairNoteMemberSql(
  column: string,
  raw: string,
  flags: ReadonlyArray<{ id: RepairId; flag: string }>,
  stage: StageDialect = duckdbStage,
): readonly [string, string] {
  const list = `concat_ws(',', ${flags.map(({ id, flag }) => `CASE WHEN ${flag} THEN ${stage.expressions.string(id)} END`).join(', ')})`;
  const any = flags.map(({ flag }) => flag).join(' OR ');
  return [column, `CASE WHEN ${any} THEN ${stage.object([['from', raw], ['repairs', list]])} END`];
}

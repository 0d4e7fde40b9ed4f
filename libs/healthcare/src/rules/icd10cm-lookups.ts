import { loadIcd10CmCalendar } from '../reference/icd10cm-calendar';
import type { Icd10CmIntervalColumns, ReferenceTable, SqlRenderContext } from './rule';
import { duckdbTempTables, type WorkTables } from './sql/work-tables';

/**
 * Where the ICD-10-CM date-of-service rules read a code's intervals when the engine joins them in:
 * one row per dotless code, its billable and header intervals side by side in numbered slots
 * (`__icd_from_<n>`, `__icd_to_<n>`, `__icd_header_<n>`), as many slots as the code with the most
 * intervals needs. Plain columns rather than a list, because comparing a date with a few columns
 * costs a fraction of filtering a list per row. A temp table, so every session builds its own.
 */
export const ICD10CM_INTERVALS_TABLE = 'temp.main.__icd10cm_intervals';

let slotCount: number | undefined;

/** How many intervals the code with the most of them has (billable and header together). */
export function icd10CmIntervalSlots(): number {
  slotCount ??= busiestCodeIntervals();
  return slotCount;
}

function busiestCodeIntervals(): number {
  const calendar = loadIcd10CmCalendar();
  const perCode = new Map<string, number>();
  for (const intervals of [calendar.billable, calendar.headers]) {
    for (const [code, list] of intervals) perCode.set(code, (perCode.get(code) ?? 0) + list.length);
  }
  let most = 0;
  for (const count of perCode.values()) most = Math.max(most, count);
  return most;
}

const slotNumbers = () => Array.from({ length: icd10CmIntervalSlots() }, (_, index) => index + 1);

const INTERVALS_WORK_TABLE = '__icd10cm_intervals';

/** Where the intervals are read from: ICD10CM_INTERVALS_TABLE, or the context's own work table. */
function intervalsTable(work: WorkTables | undefined): string {
  return work ? work.ref(INTERVALS_WORK_TABLE) : ICD10CM_INTERVALS_TABLE;
}

/** The statement that builds the intervals table (ICD10CM_INTERVALS_TABLE unless `work` says where) from the reference tables. */
export function icd10CmIntervalsTableSql(ref: (table: ReferenceTable) => string, work: WorkTables = duckdbTempTables): string {
  const rows = (table: ReferenceTable, header: boolean) => `SELECT code, valid_from, valid_to, ${header} AS header FROM ${ref(table)}`;
  const slots = slotNumbers().flatMap((n) => [
    `any_value(valid_from) FILTER (WHERE slot = ${n}) AS __icd_from_${n}`,
    `any_value(valid_to) FILTER (WHERE slot = ${n}) AS __icd_to_${n}`,
    `any_value(header) FILTER (WHERE slot = ${n}) AS __icd_header_${n}`,
  ]);
  return work.createAs(
    INTERVALS_WORK_TABLE,
    `SELECT code AS __icd_code, ${slots.join(', ')} FROM (` +
      `SELECT *, row_number() OVER (PARTITION BY code ORDER BY valid_from, header) AS slot FROM (` +
      `${rows('icd10cm_validity', false)} UNION ALL ${rows('icd10cm_headers', true)}) AS coded) AS slotted GROUP BY code`,
  );
}

/** The dotless form the reference tables key codes by. */
export function icd10CmLookupKeySql(code: string): string {
  return `replace(${code}, '.', '')`;
}

/**
 * Collects the ICD-10-CM code inputs the rules of one statement read and joins each one once:
 * without it every date-of-service rule looks its code up in a correlated subquery of its own,
 * which DuckDB decorrelates into a join that buffers the whole input (sixteen of them for the
 * eight diagnosis columns of a claim line, and a 10-million-line file no longer fits in memory).
 * With it, each code column costs one LEFT JOIN against a table with one row per code, so the
 * join never adds or drops a row and the staged rows stream past a small hash table.
 */
export class Icd10CmLookupJoins {
  private readonly aliases = new Map<string, string>();

  /**
   * Draws with a render context whose ICD-10-CM rules read joined intervals; returns the joins it
   * used and the statements that must run before them (building the interval table), none if none.
   */
  render<T>(context: SqlRenderContext, draw: (context: SqlRenderContext) => T): { result: T; joins: string[]; prepareSql: string[] } {
    const used = new Set<string>();
    const result = draw({
      ...context,
      icd10CmIntervals: (code): Icd10CmIntervalColumns[] => {
        const alias = this.aliasOf(code);
        used.add(`LEFT JOIN ${intervalsTable(context.work)} AS ${alias} ON ${alias}.__icd_code = ${icd10CmLookupKeySql(code)}`);
        return slotNumbers().map((n) => ({ validFrom: `${alias}.__icd_from_${n}`, validTo: `${alias}.__icd_to_${n}`, header: `${alias}.__icd_header_${n}` }));
      },
    });
    return { result, joins: [...used], prepareSql: used.size ? [icd10CmIntervalsTableSql(context.ref, context.work)] : [] };
  }

  private aliasOf(code: string): string {
    let alias = this.aliases.get(code);
    if (alias === undefined) {
      alias = `__icd10cm_${this.aliases.size}`;
      this.aliases.set(code, alias);
    }
    return alias;
  }
}

/** The distinct join clauses of several renderings, in first-use order. */
export function distinctJoins(renderings: ReadonlyArray<{ joins?: readonly string[] }>): string[] {
  return [...new Set(renderings.flatMap((rendering) => rendering.joins ?? []))];
}

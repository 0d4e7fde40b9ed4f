import type { DataType } from '@ade/contracts';
import { canonicalSchema, Icd10CmLookupJoins, type CanonicalSchema, type HeaderMapping, type SqlRenderContext, type StatePack } from '@ade/healthcare';
import { planChecks } from './check-plan';
import { routedCheck, unroutedCheck, type ClaimRouting } from './claim-routes';
import { DUPLICATE_RULE_ID, DUPLICATE_ROWS_TABLE, duplicateCheck } from './duplicate-check';
import type { FileLayout } from './file-layout';
import { claimDateHook } from './parsed-dates';
import { sourceColumnSql } from './source-table';
import type { SqlCheck } from './sql/check-sql';

/** The checks one file is judged by, with what they need prepared. */
export interface CheckSet {
  checks: SqlCheck[];
  columnsRead: string[];
  dateColumns: string[];
  /** Statements that must run after the source is prepared and before the checks (lookups, duplicates). */
  prepareSql: string[];
  missingRequired: string[];
}

/** The schema's rule bindings over this file's columns, plus the data-set duplicate check. */
export function buildChecks(
  type: DataType,
  schema: CanonicalSchema,
  mapping: HeaderMapping,
  pack: StatePack,
  leftOut: Pick<FileLayout, 'notApplicable' | 'notCarried'>,
  baseContext: SqlRenderContext,
  lookups = new Icd10CmLookupJoins(),
): CheckSet {
  const plan = planChecks(type, schema, mapping, pack, leftOut.notApplicable, leftOut.notCarried);
  const sourceOf = new Map(mapping.mapped.map((m) => [m.canonical, m.source]));
  const read = new Set(plan.columnsRead);
  const dateColumns = schema.columns
    .filter((column) => column.type === 'date')
    .map((column) => sourceOf.get(column.name))
    .filter((source): source is string => source !== undefined && read.has(source));
  const context: SqlRenderContext = { ...baseContext, claimDate: claimDateHook(dateColumns, sourceColumnSql) };
  const rendered = plan.checks.map((planned) => ({ planned, ...lookups.render(context, (joined) => planned.rule.sql(planned.inputs, joined)) }));
  const checks: SqlCheck[] = rendered.map(({ planned, result: passSql, joins }) => ({
    no: planned.no,
    ruleId: planned.rule.id,
    severity: planned.rule.severity,
    message: planned.rule.message,
    column: planned.column,
    passSql,
    joins,
  }));
  const lookupSql = [...new Set(rendered.flatMap((rendering) => rendering.prepareSql))];
  const keySources = schema.businessKey.map((column) => sourceOf.get(column)).filter((s): s is string => s !== undefined);
  if (schema.businessKey.length === 0 || keySources.length !== schema.businessKey.length) {
    return { checks, columnsRead: plan.columnsRead, dateColumns, prepareSql: lookupSql, missingRequired: plan.missingRequired };
  }
  const duplicates = duplicateCheck(checks.length + 1, keySources);
  return {
    checks: [...checks, duplicates.check],
    columnsRead: [...new Set([...plan.columnsRead, ...keySources])],
    dateColumns,
    prepareSql: [...lookupSql, duplicates.prepareSql],
    missingRequired: plan.missingRequired,
  };
}

/**
 * Each route's checks over the lines of its claim type, numbered one after another, then the
 * check that no line falls outside every route. Both claim forms key a line alike, so one
 * duplicate check serves the file; the routes share their code lookups.
 */
export function buildRoutedChecks(routing: ClaimRouting, pack: StatePack, baseContext: SqlRenderContext): CheckSet {
  const none = { notApplicable: new Set<string>(), notCarried: new Set<string>() };
  const lookups = new Icd10CmLookupJoins();
  const sets = routing.routes.map((route) => ({ route, set: buildChecks(route.type, canonicalSchema(route.type), route.mapping, pack, none, baseContext, lookups) }));
  const checks: SqlCheck[] = [];
  for (const [index, { route, set }] of sets.entries()) {
    for (const check of set.checks) {
      if (check.ruleId === DUPLICATE_RULE_ID) {
        if (index === 0) checks.push({ ...check, no: checks.length + 1 });
      } else {
        checks.push(routedCheck({ ...check, no: checks.length + 1 }, routing.column, route.claimType));
      }
    }
  }
  checks.push(unroutedCheck(checks.length + 1, routing.column));
  const unique = (lists: string[][]) => [...new Set(lists.flat())];
  return {
    checks,
    columnsRead: unique([...sets.map(({ set }) => set.columnsRead), [routing.column]]),
    dateColumns: unique(sets.map(({ set }) => set.dateColumns)),
    // The duplicate rows are found once, by the first route's statement.
    prepareSql: unique(sets.map(({ set }, index) => (index === 0 ? set.prepareSql : set.prepareSql.filter((sql) => !sql.includes(DUPLICATE_ROWS_TABLE))))),
    missingRequired: unique(sets.map(({ set }) => set.missingRequired)),
  };
}


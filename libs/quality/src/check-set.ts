import type { DataType } from '@ade/contracts';
import { canonicalSchema, Icd10CmLookupJoins, type CanonicalSchema, type HeaderMapping, type SqlRenderContext, type StatePack } from '@ade/healthcare';
import { planChecks } from './check-plan';
import { routedCheck, unroutedCheck, type ClaimRouting } from './claim-routes';
import { duplicateCheck } from './duplicate-check';
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
): CheckSet {
  return withDuplicateCheck(ruleChecks(type, schema, mapping, pack, leftOut, baseContext, new Icd10CmLookupJoins()), schema, mapping);
}

/** The schema's rule bindings over this file's columns, rendered with the given code lookups. */
function ruleChecks(
  type: DataType,
  schema: CanonicalSchema,
  mapping: HeaderMapping,
  pack: StatePack,
  leftOut: Pick<FileLayout, 'notApplicable' | 'notCarried'>,
  baseContext: SqlRenderContext,
  lookups: Icd10CmLookupJoins,
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
  const prepareSql = [...new Set(rendered.flatMap((rendering) => rendering.prepareSql))];
  return { checks, columnsRead: plan.columnsRead, dateColumns, prepareSql, missingRequired: plan.missingRequired };
}

/** The set with the data-set duplicate check added, when the file has every column of the business key. */
function withDuplicateCheck(set: CheckSet, schema: CanonicalSchema, mapping: HeaderMapping): CheckSet {
  const sourceOf = new Map(mapping.mapped.map((m) => [m.canonical, m.source]));
  const keySources = schema.businessKey.map((column) => sourceOf.get(column)).filter((s): s is string => s !== undefined);
  if (schema.businessKey.length === 0 || keySources.length !== schema.businessKey.length) return set;
  const duplicates = duplicateCheck(set.checks.length + 1, keySources);
  return {
    ...set,
    checks: [...set.checks, duplicates.check],
    columnsRead: [...new Set([...set.columnsRead, ...keySources])],
    prepareSql: [...set.prepareSql, duplicates.prepareSql],
  };
}

/**
 * Each route's checks over the lines of its claim type, numbered one after another, then the
 * check that no line falls outside every route. Both claim forms key a line alike, so one
 * duplicate check (the first route's) serves the file; the routes share their code lookups.
 */
export function buildRoutedChecks(routing: ClaimRouting, pack: StatePack, baseContext: SqlRenderContext): CheckSet {
  const none = { notApplicable: new Set<string>(), notCarried: new Set<string>() };
  const lookups = new Icd10CmLookupJoins();
  const sets = routing.routes.map((route) => ({ route, set: ruleChecks(route.type, canonicalSchema(route.type), route.mapping, pack, none, baseContext, lookups) }));
  const checks = sets.flatMap(({ route, set }) => set.checks.map((check) => routedCheck(check, routing.column, route.claimType)));
  const unique = (lists: string[][]) => [...new Set(lists.flat())];
  const routed: CheckSet = {
    checks: checks.map((check, index) => ({ ...check, no: index + 1 })),
    columnsRead: unique([...sets.map(({ set }) => set.columnsRead), [routing.column]]),
    dateColumns: unique(sets.map(({ set }) => set.dateColumns)),
    prepareSql: unique(sets.map(({ set }) => set.prepareSql)),
    missingRequired: unique(sets.map(({ set }) => set.missingRequired)),
  };
  const first = routing.routes[0]!;
  const withDuplicates = withDuplicateCheck(routed, canonicalSchema(first.type), first.mapping);
  return { ...withDuplicates, checks: [...withDuplicates.checks, unroutedCheck(withDuplicates.checks.length + 1, routing.column)] };
}

import {
  expectationSqlProblem,
  rewriteExpectationSql,
  type DataType,
  type ExpectationAction,
  type ExpectationOverride,
  type QualityDimension,
  type QualityRuleFamily,
} from '@ade/contracts';
import {
  canonicalSchema,
  isConstantBinding,
  loadStatePack,
  ruleById,
  type CanonicalSchema,
  type Rule,
  type SqlRenderContext,
  type StatePack,
} from '@ade/healthcare';
import { planChecks } from '../check-plan';
import { claimDateHook } from '../parsed-dates';
import { sourceColumnSql } from '../source-table';
import { DATASET_RULES, type DatasetRuleId } from './dataset-rules';

/** One expectation ready to judge the staged rows: TRUE passes. */
export interface Expectation {
  id: string;
  /** The library rule it applies, or `custom` for a tenant's SQL. */
  rule: string;
  family: QualityRuleFamily;
  dimension: QualityDimension;
  action: ExpectationAction;
  /** The canonical column a failure is reported against (null for row-wide or constant checks). */
  column: string | null;
  message: string;
  passSql: string;
  /** Statements that must run before the pass (data-set rules build their lookups here). */
  prepareSql: string[];
}

/** An expectation's identity and default behaviour, as a pipeline may override it. */
export interface ExpectationDefault {
  id: string;
  rule: string;
  family: QualityRuleFamily;
  dimension: QualityDimension;
  action: ExpectationAction;
  column: string | null;
}

/**
 * The default expectations of a data type: one per rule binding of its canonical schema, one
 * `required.missing` per required column, and the data-set rules (duplicates, unknown providers,
 * eligibility, freshness). An error-severity rule drops its rows; a warning keeps them.
 */
export function defaultExpectations(dataType: DataType, pack: StatePack = loadStatePack()): ExpectationDefault[] {
  const schema = canonicalSchema(dataType);
  const defaults: ExpectationDefault[] = [];
  for (const binding of schema.checks) {
    const rule = ruleById(binding.rule);
    const first = binding.columns[rule.roles[0]!]!;
    defaults.push(libraryDefault(rule, isConstantBinding(first) ? null : first));
  }
  for (const column of requiredColumns(dataType, schema, pack)) defaults.push(libraryDefault(ruleById('required.missing'), column));
  for (const rule of Object.values(DATASET_RULES)) {
    for (const column of rule.columns(schema)) defaults.push({ ...rule.meta, id: expectationIdOf(rule.meta.rule, column), column });
  }
  return defaults;
}

export function requiredColumns(dataType: DataType, schema: CanonicalSchema, pack: StatePack): string[] {
  return [...new Set([...schema.columns.filter((c) => c.required).map((c) => c.name), ...(pack.requiredFields[dataType] ?? [])])];
}

/** Problems with a pipeline's overrides, by index and field, for a 400 at the API edge. */
export function expectationOverrideProblems(dataType: DataType, overrides: readonly ExpectationOverride[]): Array<{ index: number; field: string; message: string }> {
  const defaults = defaultExpectations(dataType);
  const ids = new Set(defaults.map((entry) => entry.id));
  const rules = new Set(defaults.map((entry) => entry.rule));
  const columns = new Set(canonicalSchema(dataType).columns.map((column) => column.name));
  const problems: Array<{ index: number; field: string; message: string }> = [];
  overrides.forEach((override, index) => {
    if (override.sql !== undefined) {
      if (ids.has(override.id) || rules.has(override.id)) problems.push({ index, field: 'id', message: `'${override.id}' is a built-in expectation; a custom one needs its own id` });
      const problem = expectationSqlProblem(override.sql, columns);
      if (problem) problems.push({ index, field: 'sql', message: problem.message });
    } else if (!ids.has(override.id) && !rules.has(override.id)) {
      problems.push({ index, field: 'id', message: `is not an expectation of ${dataType} (and no sql was given to define one)` });
    }
  });
  return problems;
}

export interface ExpectationPlanContext {
  dataType: DataType;
  /** Canonical columns the staged rows carry. */
  present: ReadonlySet<string>;
  pack: StatePack;
  render: Omit<SqlRenderContext, 'claimDate'>;
  dateColumns: readonly string[];
  overrides: readonly ExpectationOverride[];
  /** Qualified lookup tables the data-set rules may read; null when the tenant has none. */
  lookups: { providers: string | null; eligibility: string | null };
}

/**
 * The expectations to judge this run's rows with: the defaults that can apply to the columns
 * present (a rule whose inputs are absent could only pass), then the pipeline's overrides
 * (column-level ones win over rule-wide ones) and its custom SQL expectations.
 */
export function planExpectations(context: ExpectationPlanContext): Expectation[] {
  const schema = canonicalSchema(context.dataType);
  const mapping = {
    mapped: [...context.present].map((column) => ({ source: column, canonical: column, by: 'name' as const })),
    unmapped: [],
    duplicates: [],
    missingRequired: [],
  };
  const render: SqlRenderContext = { ...context.render, claimDate: claimDateHook(context.dateColumns, sourceColumnSql) };
  const planned = planChecks(context.dataType, schema, mapping, context.pack);
  const library: Expectation[] = planned.checks.map((check) => {
    const column = context.present.has(check.column) || schema.columns.some((c) => c.name === check.column) ? check.column : null;
    return { ...libraryDefault(check.rule, column), message: check.rule.message, passSql: check.rule.sql(check.inputs, render), prepareSql: [] };
  });
  const dataset = Object.values(DATASET_RULES).flatMap((rule) =>
    rule.plan({ schema, present: context.present, render, lookups: context.lookups }).map((planned) => ({
      ...rule.meta,
      ...planned,
      id: expectationIdOf(rule.meta.rule, planned.column),
    })),
  );
  const custom = context.overrides.filter((override) => override.sql !== undefined).map((override) => customExpectation(override, schema, context.present));
  return [...library, ...dataset].map((expectation) => applyOverrides(expectation, context.overrides)).filter((e) => e !== null).concat(custom);
}

function applyOverrides(expectation: Expectation, overrides: readonly ExpectationOverride[]): Expectation | null {
  const byColumn = overrides.find((override) => override.sql === undefined && override.id === expectation.id);
  const byRule = overrides.find((override) => override.sql === undefined && override.id === expectation.rule);
  const enabled = byColumn?.enabled ?? byRule?.enabled ?? true;
  if (!enabled) return null;
  return { ...expectation, action: byColumn?.action ?? byRule?.action ?? expectation.action };
}

/** A tenant's SQL over the silver columns: typed as silver will store them, absent ones NULL. */
function customExpectation(override: ExpectationOverride, schema: CanonicalSchema, present: ReadonlySet<string>): Expectation {
  const columns = new Set(schema.columns.map((column) => column.name));
  const typeOf = new Map(schema.columns.map((column) => [column.name, column.type]));
  const passSql = rewriteExpectationSql(override.sql!, columns, (name) => {
    if (!present.has(name)) return 'NULL';
    const value = sourceColumnSql(name);
    switch (typeOf.get(name)) {
      case 'date':
        return sourceColumnSql(`__date__${name}`);
      case 'decimal':
        return `TRY_CAST(${value} AS DECIMAL(18,4))`;
      case 'integer':
        return `TRY_CAST(${value} AS BIGINT)`;
      default:
        return value;
    }
  });
  return {
    id: override.id,
    rule: 'custom',
    family: 'custom',
    dimension: 'validity',
    action: override.action ?? 'warn',
    column: null,
    message: override.description ?? `Custom expectation ${override.id} does not hold`,
    passSql,
    prepareSql: [],
  };
}

function libraryDefault(rule: Rule, column: string | null): ExpectationDefault {
  return {
    id: expectationIdOf(rule.id, column),
    rule: rule.id,
    family: rule.family,
    dimension: dimensionOf(rule.id, rule.family),
    action: rule.severity === 'error' ? 'drop' : 'warn',
    column,
  };
}

export function expectationIdOf(rule: string, column: string | null): string {
  return column === null ? rule : `${rule}:${column}`;
}

/** Completeness: values present; uniqueness: no repeats; consistency: values agree; validity: the rest. */
export function dimensionOf(rule: string, family: QualityRuleFamily): QualityDimension {
  if (rule === 'required.missing') return 'completeness';
  if (rule === 'integrity.duplicate_line') return 'uniqueness';
  if (family === 'business' || family === 'freshness' || rule.startsWith('dates.') || rule.startsWith('amounts.') || rule === 'integrity.unknown_provider') return 'consistency';
  return 'validity';
}

export type { DatasetRuleId };

import type { DataType, ExpectationOverride } from '@ade/contracts';
import { canonicalSchema, Icd10CmLookupJoins, type CanonicalSchema, type SqlRenderContext, type StatePack } from '@ade/healthcare';
import { DATASET_RULE_DEFAULTS, expectationIdOf, libraryExpectationDefault, type DatasetRuleId, type ExpectationDefault } from '@ade/quality-model';
import { planChecks } from '../check-plan';
import { claimDateHook, parsedDateColumn } from '../parsed-dates';
import { sourceColumnSql } from '../source-table';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';
import { DATASET_RULE_PLANS, type DatasetLookups } from './dataset-rules';

/**
 * One expectation ready to judge the staged rows: TRUE passes. Its `rule` is the library rule it
 * applies, or `custom` for a tenant's SQL; its `column` the canonical column a failure is reported
 * against (null for row-wide or constant checks).
 */
export interface Expectation extends ExpectationDefault {
  message: string;
  passSql: string;
  /** Statements that must run before the pass (data-set rules build their lookups here). */
  prepareSql: string[];
  /** LEFT JOINs beside the staged rows that the pass reads, each matching at most one row; none when absent. */
  joins?: readonly string[];
}

export interface ExpectationPlanContext {
  dataType: DataType;
  /** Canonical columns the staged rows carry. */
  present: ReadonlySet<string>;
  pack: StatePack;
  render: Omit<SqlRenderContext, 'claimDate' | 'dialect' | 'work'>;
  /** The engine the expectations render for; DuckDB by default. */
  stage?: StageDialect;
  dateColumns: readonly string[];
  overrides: readonly ExpectationOverride[];
  /** Qualified lookup tables the data-set rules may read; null when the tenant has none. */
  lookups: DatasetLookups;
  /** Rules the file's recognised layout says do not apply to it. */
  notApplicable?: ReadonlySet<string>;
  /** Columns the layout says its files do not carry, so no row is faulted for lacking them. */
  notCarried?: ReadonlySet<string>;
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
  const stage = context.stage ?? duckdbStage;
  const column = (name: string) => sourceColumnSql(name, stage.quote);
  const render: SqlRenderContext = {
    ...context.render,
    dialect: stage.expressions,
    work: stage.work,
    claimDate: claimDateHook(context.dateColumns, column, stage.expressions),
  };
  const planned = planChecks(context.dataType, schema, mapping, context.pack, context.notApplicable, context.notCarried, { column, string: stage.expressions.string });
  const lookups = new Icd10CmLookupJoins();
  const library: Expectation[] = planned.checks.map((check) => {
    const column = context.present.has(check.column) || schema.columns.some((c) => c.name === check.column) ? check.column : null;
    const { result: passSql, joins, prepareSql } = lookups.render(render, (joined) => check.rule.sql(check.inputs, joined));
    return { ...libraryExpectationDefault(check.rule, column), message: check.rule.message, passSql, prepareSql, joins };
  });
  const dataset = (Object.keys(DATASET_RULE_PLANS) as DatasetRuleId[]).flatMap((id) =>
    DATASET_RULE_PLANS[id]({ schema, present: context.present, render, stage, lookups: context.lookups }).map((planned) => ({
      ...DATASET_RULE_DEFAULTS[id].meta,
      ...planned,
      id: expectationIdOf(id, planned.column),
    })),
  );
  const custom = context.overrides.filter((override) => override.sql !== undefined).map((override) => customExpectation(override, schema, context.present, stage));
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
function customExpectation(override: ExpectationOverride, schema: CanonicalSchema, present: ReadonlySet<string>, stage: StageDialect): Expectation {
  const columns = new Set(schema.columns.map((column) => column.name));
  const typeOf = new Map(schema.columns.map((column) => [column.name, column.type]));
  const passSql = stage.expectationSql(override.sql!, columns, (name) => {
    if (!present.has(name)) return 'NULL';
    const value = sourceColumnSql(name, stage.quote);
    switch (typeOf.get(name)) {
      case 'date':
        return sourceColumnSql(parsedDateColumn(name), stage.quote);
      case 'decimal':
        return stage.expressions.tryCast(value, 'DECIMAL(18,4)');
      case 'integer':
        return stage.expressions.tryCast(value, 'BIGINT');
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

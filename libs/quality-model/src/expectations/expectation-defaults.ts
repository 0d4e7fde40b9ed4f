import {
  expectationSqlProblem,
  type DataType,
  type ExpectationAction,
  type ExpectationOverride,
  type QualityDimension,
  type QualityRuleFamily,
} from '@ade/contracts';
import { canonicalSchema, isConstantBinding, loadStatePack, ruleById, type CanonicalSchema, type Rule, type StatePack } from '@ade/healthcare';
import { DATASET_RULE_DEFAULTS } from './dataset-rule-defaults';

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
    defaults.push(libraryExpectationDefault(rule, isConstantBinding(first) ? null : first));
  }
  for (const column of requiredColumns(dataType, schema, pack)) defaults.push(libraryExpectationDefault(ruleById('required.missing'), column));
  for (const rule of Object.values(DATASET_RULE_DEFAULTS)) {
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

/** A library rule's expectation on a column (null for a constant binding). */
export function libraryExpectationDefault(rule: Rule, column: string | null): ExpectationDefault {
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

import { SOURCE_TABLE } from '../source-table';
import { fromSourceSql } from '../sql/check-sql';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';
import type { Expectation } from './expectations';
import type { StagePlan } from './stage-sql';

/** The staged rows with one boolean per expectation beside them (`e<n>`, TRUE = passes). */
const JUDGING = 'judged_rows';

export const passColumn = (index: number) => `e${index}`;

/** A value's shape and nothing else: letters → X, digits → 9, other characters but a few → *. */
export function maskedShapeSql(value: string, stage: StageDialect = duckdbStage): string {
  const shape = stage.replaceEvery(stage.replaceEvery(`upper(${value})`, '[A-Z]', 'X'), '[0-9]', '9');
  return `left(${stage.replaceEvery(shape, '[^X9 .\\-/$,:_+#]', '*')}, 32)`;
}

/**
 * Judges every staged row in one pass and keeps the results in the same table as the values, so
 * no later statement has to line rows up again (a join's output order is not the scan's). A NULL
 * from a rule counts as a failure, so a rendering bug can never hide a violation. The
 * expectations' lookup joins each match at most one row, so every staged row is judged once.
 */
export function resultsSql(expectations: readonly Expectation[], stage: StageDialect = duckdbStage): string[] {
  const columns = expectations.map((expectation, index) => `coalesce((${expectation.passSql}), false) AS ${passColumn(index)}`);
  const { work } = stage;
  return [
    work.createAs(JUDGING, `SELECT ${[`${SOURCE_TABLE}.*`, ...columns].join(', ')} ${fromSourceSql(expectations, work)}`),
    work.drop(SOURCE_TABLE),
    work.rename(JUDGING, SOURCE_TABLE),
  ];
}

/** The judged rows: values and results side by side. */
export const JUDGED = SOURCE_TABLE;

/** TRUE when the row passes every expectation the filter picks (TRUE when it picks none). */
export function passesAll(expectations: readonly Expectation[], pick: Expectation['action'] | 'any' | ((expectation: Expectation) => boolean)): string {
  const picked = typeof pick === 'function' ? pick : (expectation: Expectation) => pick === 'any' || expectation.action === pick;
  const columns = expectations.flatMap((expectation, index) => (picked(expectation) ? [passColumn(index)] : []));
  return columns.length ? `(${columns.join(' AND ')})` : 'TRUE';
}

/**
 * Everything the report needs but the samples, in one scan: failures per expectation, repairs
 * per column, and the rows that fail any expectation of each action and dimension.
 */
export function summarySql(expectations: readonly Expectation[], plan: StagePlan, stage: StageDialect = duckdbStage): string {
  const failures = expectations.map((_, index) => `count_if(NOT ${passColumn(index)}) AS f${index}`);
  const repairs = plan.repairFlags.map((flag, index) => `count_if(${stage.quote(flag.flag)}) AS r${index}`);
  const anyRepair = plan.repairFlags.length ? plan.repairFlags.map((flag) => stage.quote(flag.flag)).join(' OR ') : 'FALSE';
  const dimensions = (['completeness', 'validity', 'uniqueness', 'consistency'] as const).map(
    (dimension) => `count_if(NOT ${passesAll(expectations, (e) => e.dimension === dimension)}) AS dim_${dimension}`,
  );
  return `SELECT ${[
    'count(*) AS rows',
    `count_if(NOT ${passesAll(expectations, 'drop')}) AS dropped`,
    `count_if(${passesAll(expectations, 'drop')} AND NOT ${passesAll(expectations, 'warn')}) AS warned`,
    `count_if(NOT ${passesAll(expectations, 'any')}) AS failing`,
    `count_if(${anyRepair}) AS repaired`,
    ...dimensions,
    ...failures,
    ...repairs,
  ].join(', ')} FROM ${stage.work.from(JUDGED)}`;
}

/**
 * Up to five masked shapes of the failing values of each expectation that failed, in one
 * statement. Only failing rows are masked: masking every row for every expectation would cost
 * more than judging them.
 */
export function samplesSql(expectations: readonly Expectation[], failing: readonly number[], plan: StagePlan, stage: StageDialect = duckdbStage): string | null {
  const branches = failing.flatMap((index) => {
    const column = expectations[index]!.column;
    // A column the rows do not carry (a missing required one) has no values to show.
    if (!column || !plan.columns.includes(column)) return [];
    const value = `${SOURCE_TABLE}.${stage.quote(column)}`;
    return [`SELECT ${index} AS expectation, ${maskedShapeSql(value, stage)} AS shape FROM ${stage.work.from(JUDGED)} WHERE NOT ${passColumn(index)} AND ${value} IS NOT NULL`];
  });
  if (branches.length === 0) return null;
  return `SELECT expectation, ${stage.firstDistinct('shape', 5)} AS samples FROM (${branches.join(' UNION ALL ')}) AS failing_values GROUP BY expectation`;
}

/** The ids (or messages) of the expectations with this action a row fails, as a list. */
export function failedListSql(expectations: readonly Expectation[], action: Expectation['action'], field: 'id' | 'message', stage: StageDialect = duckdbStage): string {
  const entries = expectations.flatMap((expectation, index) =>
    expectation.action === action ? [`CASE WHEN NOT ${passColumn(index)} THEN ${stage.expressions.string(expectation[field])} END`] : [],
  );
  return entries.length === 0 ? stage.emptyTextList : stage.nonNullList(entries);
}

/** TRUE when a list of expectation ids holds one of `rules`, by full id (`npi.format:billing_npi`) or rule id. */
export function matchesRuleSql(idsColumn: string, rules: readonly string[], stage: StageDialect): string {
  const literal = stage.expressions.string;
  return stage.anyElement(idsColumn, rules.map((rule) => `x = ${literal(rule)} OR split_part(x, ':', 1) = ${literal(rule)}`).join(' OR '));
}

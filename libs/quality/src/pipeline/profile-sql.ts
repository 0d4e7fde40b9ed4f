import type { TableRef } from '@ade/contracts';
import { parsedDateColumn } from '../parsed-dates';
import { SOURCE_TABLE } from '../source-table';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';

/** Null rate of every canonical column the rows carry, and the newest service date, in one scan. */
export function nullRatesSql(columns: readonly string[], serviceDate: string | null, stage: StageDialect = duckdbStage): string {
  const rates = columns.map((column, index) => `count_if(${SOURCE_TABLE}.${stage.quote(column)} IS NULL) AS n${index}`);
  const newest = stage.castAs(serviceDate ? `max(${SOURCE_TABLE}.${stage.quote(parsedDateColumn(serviceDate))})` : 'NULL', stage.types.text);
  return `SELECT ${['count(*) AS rows', ...rates, `${newest} AS newest`].join(', ')} FROM ${stage.work.from(SOURCE_TABLE)}`;
}

/** Mean, median and median absolute deviation of an amount column (values that parse). */
export function amountProfileSql(column: string, stage: StageDialect = duckdbStage): string {
  const value = `TRY_CAST(${SOURCE_TABLE}.${stage.quote(column)} AS DOUBLE)`;
  return `WITH v AS (SELECT ${value} AS x FROM ${stage.work.from(SOURCE_TABLE)} WHERE ${value} IS NOT NULL), m AS (SELECT median(x) AS med FROM v)
SELECT count(*) AS n, avg(x) AS mean, any_value(m.med) AS median, median(abs(x - m.med)) AS mad FROM v, m`;
}

/**
 * Distinct providers in the rows, and how many of them silver has never seen (read before the
 * write). Silver's providers are joined rather than probed from the aggregate's filter, which
 * Spark does not let hold a subquery.
 */
export function providerShareSql(column: string, silver: TableRef, silverExists: boolean, stage: StageDialect = duckdbStage): string {
  const value = `${SOURCE_TABLE}.${stage.quote(column)}`;
  const known = silverExists
    ? ` LEFT JOIN (SELECT DISTINCT ${stage.quote(column)} AS npi FROM ${stage.table(silver)} WHERE ${stage.quote(column)} IS NOT NULL) AS known ON known.npi = ${value}`
    : '';
  const isNew = silverExists ? `CASE WHEN known.npi IS NULL THEN ${value} END` : value;
  return `SELECT count(DISTINCT ${value}) AS distinct_providers, count(DISTINCT ${isNew}) AS new_providers FROM ${stage.work.from(SOURCE_TABLE)}${known} WHERE ${value} IS NOT NULL`;
}

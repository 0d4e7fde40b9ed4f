import type { TableRef } from '@ade/contracts';
import { duckdbSql } from '@ade/lakehouse';
import { parsedDateColumn } from '../parsed-dates';
import { SOURCE_TABLE } from '../source-table';
import { quoteIdentifier } from '../sql/identifiers';

/** Null rate of every canonical column the rows carry, and the newest service date, in one scan. */
export function nullRatesSql(columns: readonly string[], serviceDate: string | null): string {
  const rates = columns.map((column, index) => `count_if(${SOURCE_TABLE}.${quoteIdentifier(column)} IS NULL) AS n${index}`);
  const newest = serviceDate ? `max(${SOURCE_TABLE}.${quoteIdentifier(parsedDateColumn(serviceDate))})::VARCHAR` : 'NULL::VARCHAR';
  return `SELECT ${['count(*) AS rows', ...rates, `${newest} AS newest`].join(', ')} FROM ${SOURCE_TABLE}`;
}

/** Mean, median and median absolute deviation of an amount column (values that parse). */
export function amountProfileSql(column: string): string {
  const value = `TRY_CAST(${SOURCE_TABLE}.${quoteIdentifier(column)} AS DOUBLE)`;
  return `WITH v AS (SELECT ${value} AS x FROM ${SOURCE_TABLE} WHERE ${value} IS NOT NULL), m AS (SELECT median(x) AS med FROM v)
SELECT count(*) AS n, avg(x) AS mean, any_value(m.med) AS median, median(abs(x - m.med)) AS mad FROM v, m`;
}

/** Distinct providers in the rows, and how many of them silver has never seen (read before the write). */
export function providerShareSql(column: string, silver: TableRef, silverExists: boolean): string {
  const value = `${SOURCE_TABLE}.${quoteIdentifier(column)}`;
  const known = silverExists ? `${value} NOT IN (SELECT DISTINCT ${quoteIdentifier(column)} FROM ${duckdbSql.qualifiedTableName(silver)} WHERE ${quoteIdentifier(column)} IS NOT NULL)` : 'TRUE';
  return `SELECT count(DISTINCT ${value}) AS distinct_providers, count(DISTINCT ${value}) FILTER (WHERE ${known}) AS new_providers FROM ${SOURCE_TABLE} WHERE ${value} IS NOT NULL`;
}

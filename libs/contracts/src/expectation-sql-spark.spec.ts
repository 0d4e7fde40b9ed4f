import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { assertSparkSql } from '@ade/testing/spark-sql';
import { sparkExpectationSql } from './expectation-sql-spark';

// `xdayx` reads as `day` if a column's name were taken for a date part's literal.
const COLUMNS = new Set(['paid_amount', 'allowed_amount', 'claim_type', 'claim_id', 'claim_line_start_date', 'claim_line_end_date', 'xdayx']);
const column = (name: string) => `src.\`${name}\``;
const spark = (sql: string) => sparkExpectationSql(sql, COLUMNS, column);

describe('sparkExpectationSql', () => {
  it.each([
    ['paid_amount <= allowed_amount', 'src.`paid_amount` <= src.`allowed_amount`'],
    ["upper(claim_type) IN ('PROFESSIONAL', 'INSTITUTIONAL')", "upper(src.`claim_type`) IN ('PROFESSIONAL', 'INSTITUTIONAL')"],
    ["regexp_matches(claim_id, '^C\\d+')", "regexp_like(src.`claim_id`, '^C\\\\d+')"],
    ["regexp_full_match(claim_id, 'C[0-9]+')", "regexp_like(src.`claim_id`, concat('^(?:', 'C[0-9]+', ')$'))"],
    ["starts_with(claim_id, 'C') AND ends_with(claim_id, '9')", "startswith(src.`claim_id`, 'C') AND endswith(src.`claim_id`, '9')"],
    ['strlen(claim_id) <= 20', 'octet_length(src.`claim_id`) <= 20'],
    ["concat(claim_type, '-', claim_id) <> ''", "concat_ws('', src.`claim_type`, '-', src.`claim_id`) <> ''"],
    ["trim(claim_id, '0') <> ''", "trim(BOTH '0' FROM src.`claim_id`) <> ''"],
    ["ltrim(claim_id) = rtrim(claim_id, ' ')", "ltrim(src.`claim_id`) = trim(TRAILING ' ' FROM src.`claim_id`)"],
    ["date_diff('day', claim_line_start_date, claim_line_end_date) < 31", 'datediff(CAST(src.`claim_line_end_date` AS DATE), CAST(src.`claim_line_start_date` AS DATE)) < 31'],
    [
      "date_diff('months', claim_line_start_date, current_date) <= 12",
      '((year(current_date) * 12 + month(current_date)) - (year(src.`claim_line_start_date`) * 12 + month(src.`claim_line_start_date`))) <= 12',
    ],
    ['CAST(paid_amount AS VARCHAR) <> TRY_CAST(allowed_amount AS integer)::varchar', 'CAST(src.`paid_amount` AS STRING) <> CAST(TRY_CAST(src.`allowed_amount` AS INT) AS STRING)'],
    ['paid_amount + allowed_amount::double > 0', 'src.`paid_amount` + CAST(src.`allowed_amount` AS double) > 0'],
    ['current_date() > claim_line_start_date', 'current_date() > src.`claim_line_start_date`'],
    ["date_diff('YEARS', claim_line_start_date, claim_line_end_date) = 0", '(year(src.`claim_line_end_date`) - year(src.`claim_line_start_date`)) = 0'],
    ["date_diff('quarter', claim_line_start_date, claim_line_end_date) = 0", '((year(src.`claim_line_end_date`) * 4 + quarter(src.`claim_line_end_date`)) - (year(src.`claim_line_start_date`) * 4 + quarter(src.`claim_line_start_date`))) = 0'],
    ["claim_type = 'it''s'", "src.`claim_type` = 'it\\'s'"],
    ['"paid_amount" > coalesce(nullif(allowed_amount, 0), 1)', 'src.`paid_amount` > coalesce(nullif(src.`allowed_amount`, 0), 1)'],
    ["CASE WHEN claim_type = 'x' THEN (paid_amount > 0) ELSE NOT (paid_amount < 0) END", "CASE WHEN src.`claim_type` = 'x' THEN (src.`paid_amount` > 0) ELSE NOT (src.`paid_amount` < 0) END"],
  ])('renders %s', (sql, expected) => {
    const rendered = spark(sql);
    expect(rendered).toBe(expected);
    assertSparkSql(`SELECT ${rendered} AS passes FROM claims AS src`);
  });

  it.each([
    ["date_diff('week', claim_line_start_date, current_date) < 2", "date_diff with the part 'week'"],
    ['date_diff(claim_type, claim_line_start_date, current_date) < 2', 'date_diff with the part src.`claim_type`'],
    ["regexp_matches(claim_id, 'c', 'i')", 'regexp_matches with 3 argument(s); on Databricks it takes 2'],
    ['paid_amount::claim_type > 0', "'::' without a value and a type name"],
    ['::integer = 1', "'::' without a value and a type name"],
    ['paid_amount::', "'::' without a value and a type name"],
    ['paid_amount::5 > 0', "'::' without a value and a type name"],
    ["date_diff('day' || 's', claim_line_start_date, current_date) < 2", "date_diff with the part 'day' || 's'"],
    ["date_diff('da''y', claim_line_start_date, current_date) < 2", "date_diff with the part 'da\\'y'"],
    ['date_diff(xdayx, claim_line_start_date, current_date) < 2', 'date_diff with the part src.`xdayx`'],
    ['date_diff(claim_line_start_date, current_date)', 'date_diff with 2 argument(s); on Databricks it takes 3'],
    ['regexp_full_match(claim_id)', 'regexp_full_match with 1 argument(s); on Databricks it takes 2'],
    ['starts_with(claim_id)', 'starts_with with 1 argument(s); on Databricks it takes 2'],
    ['ends_with(claim_id)', 'ends_with with 1 argument(s); on Databricks it takes 2'],
    ['strlen(claim_id, claim_type) > 0', 'strlen with 2 argument(s); on Databricks it takes 1'],
    ["trim(claim_id, 'a', 'b') = ''", 'trim with 3 argument(s); on Databricks it takes 1 or 2'],
    ["rtrim(claim_id, 'a', 'b') = ''", 'rtrim with 3 argument(s); on Databricks it takes 1 or 2'],
    ['paid_amount > 0, claim_id', 'must be one expression, not a list'],
    ["read_text('/etc/hosts') = ''", "calls 'read_text', which is not an allowed function"],
  ])('refuses %s, naming what', (sql, message) => {
    expect(() => spark(sql)).toThrow(RangeError);
    expect(() => spark(sql)).toThrow(message);
  });

  it("counts month, quarter and year boundaries as DuckDB's date_diff does", async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const days = ['2024-01-31', '2024-02-01', '2024-02-29', '2024-12-31', '2025-01-01', '2025-03-31', '2025-04-01', '2023-06-15'];
      const pairs = days.flatMap((start) => days.map((end) => [start, end] as const));
      for (const part of ['month', 'quarter', 'year']) {
        // year(), month() and quarter() mean the same on both engines, so DuckDB can evaluate the Spark form.
        const translated = sparkExpectationSql(`date_diff('${part}', claim_line_start_date, claim_line_end_date)`, COLUMNS, (name) => name);
        const values = pairs.map(([start, end]) => `(DATE '${start}', DATE '${end}')`).join(', ');
        const reader = await connection.runAndReadAll(
          `SELECT count(*) FILTER (WHERE date_diff('${part}', claim_line_start_date, claim_line_end_date) <> ${translated}) AS differ, count(*) AS n ` +
            `FROM (VALUES ${values}) AS t(claim_line_start_date, claim_line_end_date)`,
        );
        expect(reader.getRowObjects()[0], part).toEqual({ differ: 0n, n: BigInt(pairs.length) });
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

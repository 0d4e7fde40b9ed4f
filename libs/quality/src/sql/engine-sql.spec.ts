import { describe, expect, it } from 'vitest';
import { duplicateCheck } from '../duplicate-check';
import { prepareSourceSql } from '../source-table';
import { countsSql, resultsTableSql, violationsSql, type SqlCheck } from './check-sql';

// The SQL the validation engine writes around the rules, snapshotted so changes show in review.
const checks: SqlCheck[] = [
  { no: 1, ruleId: 'npi.format', severity: 'error', message: 'm', column: 'Billing NPI', passSql: 'src."Billing NPI" IS NULL OR x' },
  { no: 2, ruleId: 'hcpcs.modifier_format', severity: 'warning', message: 'm', column: 'mod', passSql: 'y' },
];

describe('validation engine SQL', () => {
  it('prepares the source: each read column cleaned once, dates parsed once, quotes escaped', () => {
    expect(prepareSourceSql("SELECT * FROM read_csv('/f.csv')", ['Billing NPI', 'odd"name'], [])).toMatchInlineSnapshot(
      `"CREATE TEMP TABLE src AS SELECT CASE WHEN "Billing NPI" = '' OR (ascii("Billing NPI") IN (9, 10, 13, 32) AND trim("Billing NPI", ' ' || chr(9) || chr(13) || chr(10)) = '') THEN NULL ELSE "Billing NPI" END AS "Billing NPI", CASE WHEN "odd""name" = '' OR (ascii("odd""name") IN (9, 10, 13, 32) AND trim("odd""name", ' ' || chr(9) || chr(13) || chr(10)) = '') THEN NULL ELSE "odd""name" END AS "odd""name" FROM (SELECT * FROM read_csv('/f.csv')) AS raw"`,
    );
    expect(prepareSourceSql('SELECT 1', [], [])).toBe('CREATE TEMP TABLE src AS SELECT TRUE AS __present FROM (SELECT 1) AS raw');
  });

  it('evaluates every check in one pass, NULL counting as a failure', () => {
    expect(resultsTableSql(checks)).toMatchInlineSnapshot(`
      "CREATE TEMP TABLE check_results AS
      SELECT src.rowid + 1 AS __row,
        coalesce((src."Billing NPI" IS NULL OR x), false) AS c1,
        coalesce((y), false) AS c2
      FROM src"
    `);
  });

  it('counts invalid rows from error-severity checks only', () => {
    expect(countsSql(checks)).toMatchInlineSnapshot(
      `"SELECT count(*) AS rows, count_if(NOT (c1)) AS invalid, count_if(NOT c1) AS c1, count_if(NOT c2) AS c2 FROM check_results"`,
    );
  });

  it('lists violations in row order, bounded', () => {
    expect(violationsSql(checks, 10)).toMatchInlineSnapshot(`
      "SELECT __row AS row_no, check_no FROM (
      SELECT __row, 1 AS check_no FROM check_results WHERE NOT c1
      UNION ALL
      SELECT __row, 2 AS check_no FROM check_results WHERE NOT c2
      ) ORDER BY row_no, check_no LIMIT 10"
    `);
  });

  it('finds duplicates over the business key first, keeping the first occurrence', () => {
    const { prepareSql, check } = duplicateCheck(3, ['claim_id', 'claim_line_number']);
    expect(prepareSql).toMatchInlineSnapshot(
      `"CREATE OR REPLACE TEMP TABLE duplicate_rows AS SELECT source_row FROM (SELECT rowid AS source_row, row_number() OVER (PARTITION BY src."claim_id", src."claim_line_number" ORDER BY rowid) AS occurrence FROM src WHERE src."claim_id" IS NOT NULL AND src."claim_line_number" IS NOT NULL) AS keyed WHERE occurrence > 1"`,
    );
    expect(check.passSql).toBe('src.rowid NOT IN (SELECT source_row FROM duplicate_rows)');
  });
});

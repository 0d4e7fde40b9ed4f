import type { FakeSqlDriver } from '../../lakehouse/test/databricks/fake-sql-driver';
import type { FakeUnityCatalog } from '../../lakehouse/test/databricks/fake-unity-catalog';

export interface StageAnswers {
  /** How many rows the run landed in bronze: every one passes. */
  rows: number;
  /** The source file the run's rows came from, as `_source_file` names it. */
  sourceFile: string;
}

/** The rule a release's rows had failed, as the answers report it. */
export const releasedRule = 'npi.format:billing_npi';

/**
 * Fixed answers to the quality stage's own statements on the fake Unity Catalog, which keeps
 * bronze, the reference tables and the tables the stage creates but cannot evaluate its judging
 * SQL: every row of the run passes, every count the stage takes is `rows`, every write affects
 * `rows` rows; a release finds `rows` quarantined rows that all pass now. Tests that use it
 * check the protocol (what is sent, in which order, what the catalog keeps), never what the SQL
 * computes; the DuckDB suites check that. The code sets are staged but not loaded into the fake
 * (tens of thousands of rows each, which only the judging SQL reads).
 */
export function answerTheQualityStage(driver: FakeSqlDriver, unityCatalog: FakeUnityCatalog, { rows, sourceFile }: StageAnswers): void {
  const allZero = (sql: string) => Object.fromEntries([...sql.matchAll(/ AS (\w+)(?=,| FROM)/g)].map(([, alias]) => [alias, 0]));
  const answers: Array<[RegExp, (sql: string) => object[]]> = [
    [/^(?:CREATE OR REPLACE TABLE|DROP TABLE IF EXISTS|ALTER TABLE \S+ RENAME TO|MERGE INTO|INSERT INTO|DELETE FROM) /, () => [{ num_affected_rows: rows }]],
    [/^SELECT DISTINCT _run_id AS run_id FROM `bronze`\./, () => []],
    [/^SELECT count\(\*\) AS rows, /, (sql) => [{ ...allZero(sql), rows, newest: '2026-10-01' }]],
    [/^WITH v AS /, () => [{ n: rows, mean: 10, median: 10, mad: 0 }]],
    [/^SELECT count\(DISTINCT /, () => [{ distinct_providers: 1, new_providers: 1 }]],
    [/^SELECT _source_file AS file, count\(\*\) AS n FROM `bronze`\./, () => [{ file: sourceFile, n: rows }]],
    // A release: the selected quarantined rows were read by names, and all of them pass now.
    [/^SELECT DISTINCT _layout FROM `silver`\.`\w+_quarantine` WHERE /, () => [{ _layout: null }]],
    [/^SELECT rule, count\(\*\) AS n FROM \(SELECT explode\(_rule_ids\) AS rule FROM /, () => [{ rule: releasedRule, n: rows }]],
    [/^SELECT count\(\*\) AS n FROM `silver`\.`\w+_quarantine` WHERE _release_id = /, () => [{ n: rows }]],
  ];
  // Statements of a shape the fake models, on tables it does not keep.
  driver.answer(/^SELECT count\(\*\) AS n FROM `_system`\.`judging_/, [{ n: rows }]).answer(/^CREATE TABLE IF NOT EXISTS `_system`\.`ref_/, []);
  unityCatalog.otherwise((sql) => answers.find(([pattern]) => pattern.test(sql))?.[1](sql));
}

import type { SqlCheck } from './sql/check-sql';
import { SOURCE_TABLE, sourceColumnSql } from './source-table';
import { duckdbStage, type StageDialect } from './sql/stage-dialect';

export const DUPLICATE_RULE_ID = 'integrity.duplicate_line';
const DUPLICATE_ROWS_TABLE = 'duplicate_rows';

/**
 * A data-set rule (it needs the rows before it, so it has no single-record form): a row whose
 * business key already appeared earlier in the file is a duplicate. The first occurrence stays
 * valid; rows with any part of the key absent are left to required.missing. The duplicates are
 * found first, by one window over the key alone, so the main pass only probes a small set.
 */
export function duplicateCheck(no: number, keySources: readonly string[], stage: StageDialect = duckdbStage): { check: SqlCheck; prepareSql: string } {
  const { quote, rowId, rowOrder, work } = stage;
  const keys = keySources.map((key) => sourceColumnSql(key, quote));
  const keyPresent = keys.map((key) => `${key} IS NOT NULL`).join(' AND ');
  const duplicates =
    `SELECT source_row FROM (` +
    `SELECT ${rowId} AS source_row, row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${rowOrder}) AS occurrence ` +
    `FROM ${work.from(SOURCE_TABLE)} WHERE ${keyPresent}) AS keyed WHERE occurrence > 1`;
  return {
    prepareSql: work.createAs(DUPLICATE_ROWS_TABLE, duplicates),
    check: {
      no,
      ruleId: DUPLICATE_RULE_ID,
      severity: 'error',
      message: 'Duplicates an earlier row with the same business key',
      column: keySources[0]!,
      passSql: `${SOURCE_TABLE}.${rowId} NOT IN (SELECT source_row FROM ${work.ref(DUPLICATE_ROWS_TABLE)})`,
    },
  };
}

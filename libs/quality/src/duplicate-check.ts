import type { SqlCheck } from './sql/check-sql';
import { SOURCE_TABLE, sourceColumnSql } from './source-table';

export const DUPLICATE_RULE_ID = 'integrity.duplicate_line';
export const DUPLICATE_ROWS_TABLE = 'duplicate_rows';

/**
 * A data-set rule (it needs the rows before it, so it has no single-record form): a row whose
 * business key already appeared earlier in the file is a duplicate. The first occurrence stays
 * valid; rows with any part of the key absent are left to required.missing. The duplicates are
 * found first, by one window over the key alone, so the main pass only probes a small set.
 */
export function duplicateCheck(no: number, keySources: readonly string[]): { check: SqlCheck; prepareSql: string } {
  const keys = keySources.map(sourceColumnSql);
  const keyPresent = keys.map((key) => `${key} IS NOT NULL`).join(' AND ');
  return {
    prepareSql:
      `CREATE TEMP TABLE ${DUPLICATE_ROWS_TABLE} AS SELECT source_row FROM (` +
      `SELECT rowid AS source_row, row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY rowid) AS occurrence ` +
      `FROM ${SOURCE_TABLE} WHERE ${keyPresent}) WHERE occurrence > 1`,
    check: {
      no,
      ruleId: DUPLICATE_RULE_ID,
      severity: 'error',
      message: 'Duplicates an earlier row with the same business key',
      column: keySources[0]!,
      passSql: `${SOURCE_TABLE}.rowid NOT IN (SELECT source_row FROM ${DUPLICATE_ROWS_TABLE})`,
    },
  };
}

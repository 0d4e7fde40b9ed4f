import { distinctJoins, duckdbTempTables, type WorkTables } from '@ade/healthcare';
import { SOURCE_TABLE } from '../source-table';

/** A check ready to run: its pass condition as SQL, and what to say when a row fails it. */
export interface SqlCheck {
  no: number;
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  column: string;
  passSql: string;
  /** LEFT JOINs beside the source that the pass reads (one row each per source row); none when absent. */
  joins?: readonly string[];
}

export const RESULTS_TABLE = 'check_results';
export const ROW_COLUMN = '__row';

const passColumn = (check: SqlCheck) => `c${check.no}`;

/**
 * One vectorized pass over the prepared source: a boolean column per check (TRUE = passes; a NULL
 * from a rule counts as a failure so a rendering bug can never hide a violation). The data row
 * number is the source rowid + 1. The checks' lookup joins each match at most one row, so the pass
 * still has exactly one row per source row.
 */
export function resultsTableSql(checks: readonly SqlCheck[], rows: ResultRows = {}): string {
  const columns = checks.map((check) => `  coalesce((${check.passSql}), false) AS ${passColumn(check)}`);
  const row = rows.row ?? `${SOURCE_TABLE}.rowid + 1`;
  const line = rows.line ? `, ${rows.line} AS ${LINE_COLUMN}` : '';
  return [`CREATE TEMP TABLE ${RESULTS_TABLE} AS`, `SELECT ${row} AS ${ROW_COLUMN}${line}${columns.length ? ',' : ''}`, columns.join(',\n'), fromSourceSql(checks)].join('\n');
}

/** Where a result row's data row number (and, for lines read from side by side, its line number) comes from. */
export interface ResultRows {
  row?: string;
  line?: string;
}

export const LINE_COLUMN = '__line';

/** The source and the distinct lookup joins the checks read. */
export function fromSourceSql(checks: ReadonlyArray<{ joins?: readonly string[] }>, work: WorkTables = duckdbTempTables): string {
  return ['FROM', work.from(SOURCE_TABLE), ...distinctJoins(checks)].join(' ');
}

/** Failures per check and the number of rows failing any error-severity check, in one scan. */
export function countsSql(checks: readonly SqlCheck[]): string {
  const perCheck = checks.map((check) => `count_if(NOT ${passColumn(check)}) AS ${passColumn(check)}`);
  const errors = checks.filter((check) => check.severity === 'error').map(passColumn);
  const invalid = errors.length ? `count_if(NOT (${errors.join(' AND ')}))` : '0';
  return `SELECT count(*) AS rows, ${invalid} AS invalid${perCheck.length ? `, ${perCheck.join(', ')}` : ''} FROM ${RESULTS_TABLE}`;
}

/** The failing (row, check) pairs in row order; each branch reads two columns only. */
export function violationsSql(checks: readonly SqlCheck[], limit: number, withLine = false): string {
  const line = withLine ? `, ${LINE_COLUMN}` : '';
  const branches = checks.map((check) => `SELECT ${ROW_COLUMN}${line}, ${check.no} AS check_no FROM ${RESULTS_TABLE} WHERE NOT ${passColumn(check)}`);
  const order = withLine ? `row_no, ${LINE_COLUMN}, check_no` : 'row_no, check_no';
  return `SELECT ${ROW_COLUMN} AS row_no${line}, check_no FROM (\n${branches.join('\nUNION ALL\n')}\n) ORDER BY ${order} LIMIT ${Math.max(0, Math.floor(limit))}`;
}

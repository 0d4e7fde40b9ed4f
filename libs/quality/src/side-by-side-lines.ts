import type { LineColumn, LineMapping } from '@ade/healthcare';
import { asRuleInputSql } from './rule-inputs';
import { duckdbStage, type StageDialect } from './sql/stage-dialect';

/** A line field's value on the line numbered `line`: the value under its numbered header (`HCPCS_CD_3` on line 3). */
export function lineFieldSql(column: LineColumn, line: string, value: (header: string) => string): string {
  const cases = [...column.slots].map(([n, header]) => `WHEN ${n} THEN ${value(header)}`);
  return `CASE ${line} ${cases.join(' ')} END`;
}

/**
 * Whether the line numbered `line` is read: any of its fields filled, or it is the first line,
 * so a row with no line filled is still judged (and nothing is lost).
 */
export function lineIsReadSql(lines: LineMapping, line: string, value: (header: string) => string, stage: StageDialect = duckdbStage): string {
  const fields = lines.columns.map((column) => asRuleInputSql(lineFieldSql(column, line, value), stage));
  const filled = fields.length ? ` OR coalesce(${fields.join(', ')}) IS NOT NULL` : '';
  return `${line} = ${lines.from}${filled}`;
}

/** Every row once per line number `from`..`to`, the number in `lineColumn`: filter with lineIsReadSql. */
export function perLineSql(rowsSql: string, lines: Pick<LineMapping, 'from' | 'to'>, lineColumn: string, stage: StageDialect = duckdbStage): string {
  return stage.everyNumber(rowsSql, lines.from, lines.to, lineColumn);
}

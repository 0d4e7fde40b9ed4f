import { parsedDateColumn, parsedDateSql } from '../parsed-dates';
import { asRuleInputSql } from '../rule-inputs';
import { SOURCE_TABLE } from '../source-table';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';
import { repairFor, repairNoteMemberSql, type CodeSystemColumns, type ColumnKind, type RepairId } from './repairs';

/** One canonical column as it comes from the source relation. */
export interface StagedColumn {
  canonical: string;
  /** SQL over the source relation `b` yielding the raw text (or NULL). */
  sourceSql: string;
  kind: ColumnKind;
  /** For a diagnosis: the columns saying which code system it is from (see codeSystemColumns). */
  codeSystem?: CodeSystemColumns;
}

/** The row metadata every staged row carries through to silver or quarantine. */
export interface StageMetadata {
  runId: string;
  sourceFile: string;
  bronzeRowid: string;
  /** The line of a bronze row read as lines side by side (DE-SynPUF); NULL otherwise. */
  bronzeLine: string;
}

export interface StagePlan {
  sql: string;
  /** One flag column per (column, repair) that can fire; TRUE on rows it changed. */
  repairFlags: Array<{ column: string; repair: RepairId; flag: string }>;
  dateColumns: string[];
  /** The canonical columns the staged rows carry. */
  columns: string[];
}

export const STAGE_META = { runId: '_run_id', sourceFile: '_source_file', bronzeRowid: '_bronze_rowid', bronzeLine: '_bronze_line', repairs: '_repairs' } as const;

/**
 * Builds the staged table `src` the expectations judge: every canonical column blank → NULL and
 * repaired, date columns also parsed once, one flag per repair that fired, and the row's repair
 * note. Three projections so each step's value is computed once: cleaned (`__v`) and first step
 * (`__t`), then second step (the final value), then flags and notes comparing the three.
 */
export function stageSql(sourceRelation: string, columns: readonly StagedColumn[], metadata: StageMetadata, stage: StageDialect = duckdbStage): StagePlan {
  const quoteIdentifier = stage.quote;
  const v = (index: number) => quoteIdentifier(`__v_${index}`);
  const t = (index: number) => quoteIdentifier(`__t_${index}`);
  const meta = [
    `${metadata.runId} AS ${STAGE_META.runId}`,
    `${metadata.sourceFile} AS ${STAGE_META.sourceFile}`,
    `${metadata.bronzeRowid} AS ${STAGE_META.bronzeRowid}`,
    `${metadata.bronzeLine} AS ${STAGE_META.bronzeLine}`,
  ];
  const first = columns.map((column, index) => {
    const cleaned = asRuleInputSql(`(${column.sourceSql})`, stage);
    const step = repairFor(column.kind, stage).first;
    return `${cleaned} AS ${v(index)}, ${step ? step.sql(v(index)) : v(index)} AS ${t(index)}`;
  });
  // A lateral alias (`__v_0` used in `__t_0`) keeps the cleaning computed once.
  const layer1 = `SELECT ${[...first, ...meta].join(', ')} FROM (${sourceRelation}) AS b`;

  // Another column's step-one value, for a repair that reads the rest of the row.
  const peer = (canonical: string | undefined) => {
    const index = columns.findIndex((column) => column.canonical === canonical);
    return index < 0 ? 'NULL' : t(index);
  };
  const second = columns.map((column, index) => {
    const step = repairFor(column.kind, stage).second;
    const system = { codeType: peer(column.codeSystem?.codeType), serviceDate: peer(column.codeSystem?.serviceDate) };
    return `${step ? step.sql(t(index), system) : t(index)} AS ${quoteIdentifier(column.canonical)}`;
  });
  const carried = columns.flatMap((_, index) => [v(index), t(index)]);
  const layer2 = `SELECT ${[...second, ...carried, STAGE_META.runId, STAGE_META.sourceFile, STAGE_META.bronzeRowid, STAGE_META.bronzeLine].join(', ')} FROM (${layer1}) AS s1`;

  const repairFlags: StagePlan['repairFlags'] = [];
  const flagColumns: string[] = [];
  const flagConditions: string[] = [];
  const notes: Array<readonly [string, string]> = [];
  columns.forEach((column, index) => {
    const repair = repairFor(column.kind, stage);
    const flags: Array<{ id: RepairId; flag: string }> = [];
    if (repair.first) flags.push({ id: repair.first.id, flag: `${v(index)} IS DISTINCT FROM ${t(index)}` });
    if (repair.second) flags.push({ id: repair.second.id, flag: `${t(index)} IS DISTINCT FROM ${quoteIdentifier(column.canonical)}` });
    flags.forEach(({ id, flag }) => {
      const name = `__repair_${repairFlags.length}`;
      repairFlags.push({ column: column.canonical, repair: id, flag: name });
      flagColumns.push(`${flag} AS ${quoteIdentifier(name)}`);
      flagConditions.push(`(${flag})`);
    });
    if (flags.length > 0) notes.push(repairNoteMemberSql(column.canonical, v(index), flags, stage));
  });
  const dateColumns = columns.filter((column) => column.kind === 'date').map((column) => column.canonical);
  const dates = dateColumns.map((column) => `${parsedDateSql(quoteIdentifier(column), stage.expressions)} AS ${quoteIdentifier(parsedDateColumn(column))}`);
  const note = notes.length ? `CASE WHEN ${flagConditions.join(' OR ')} THEN ${stage.jsonText(stage.object(notes))} END` : stage.castAs('NULL', stage.types.text);
  const outer = [
    ...columns.map((column) => quoteIdentifier(column.canonical)),
    ...dates,
    ...flagColumns,
    `${note} AS ${STAGE_META.repairs}`,
    STAGE_META.runId,
    STAGE_META.sourceFile,
    STAGE_META.bronzeRowid,
    STAGE_META.bronzeLine,
    ...(stage.stagedRowSql ? [`${stage.stagedRowSql} AS ${stage.rowId}`] : []),
  ];
  // A table needs a column even when the source maps none; the row count still matters.
  if (columns.length === 0) outer.unshift('TRUE AS __present');
  return {
    sql: stage.work.createAs(SOURCE_TABLE, `SELECT ${outer.join(', ')} FROM (${layer2}) AS s2`),
    repairFlags,
    dateColumns,
    columns: columns.map((column) => column.canonical),
  };
}

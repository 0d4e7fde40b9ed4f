import type { DataType, ExpectationOverride } from '@ade/contracts';
import { canonicalSchema, type SqlRenderContext, type StatePack } from '@ade/healthcare';
import type { StageDialect } from '../sql/stage-dialect';
import { bronzeLinesSql, BRONZE_LINE_COLUMN, type BronzeLayout } from './bronze-layout';
import { routedElsewhereSql, unroutedExpectation } from './claim-routing';
import type { DatasetLookups } from './dataset-rules';
import { planExpectations, type Expectation } from './expectations';
import { codeSystemColumns, columnKinds } from './repairs';
import { stageSql, type StagedColumn, type StagePlan } from './stage-sql';

export interface JudgingPlanRequest {
  dataType: DataType;
  /** The bronze table, qualified for the engine. */
  bronzeTable: string;
  /** The runs whose bronze rows are judged, each as a string literal of the engine. */
  runIdLiterals: readonly string[];
  layout: BronzeLayout;
  /** The SQL reference to a column of a bronze row (`b.<quoted column>`). */
  bronzeColumn(header: string): string;
  pack: StatePack;
  render: Omit<SqlRenderContext, 'claimDate' | 'dialect' | 'work'>;
  overrides: readonly ExpectationOverride[];
  lookups: DatasetLookups;
  stage: StageDialect;
}

export interface JudgingPlan {
  stage: StagePlan;
  expectations: Expectation[];
  /** `FROM bronze WHERE <the runs' rows>`, for statements over the same rows. */
  ofTheseRuns: string;
  /** TRUE on a line another claim form's pipeline judges; null when the files mix no forms. */
  routedElsewhere: string | null;
}

/**
 * What judging one run's bronze rows takes, as SQL for the request's engine: the staging
 * statement (every canonical column cleaned, repaired and, for dates, parsed) and the
 * expectations that judge the staged rows.
 */
export function judgingPlan(request: JudgingPlanRequest): JudgingPlan {
  const { layout, stage, bronzeColumn } = request;
  const schema = canonicalSchema(request.dataType);
  const kinds = columnKinds(schema);
  const systems = codeSystemColumns(schema);
  const columns: StagedColumn[] = layout.columns.map((m) => ({ canonical: m.canonical, sourceSql: m.sourceSql, kind: kinds.get(m.canonical)!, codeSystem: systems.get(m.canonical) }));
  const ofTheseRuns = `FROM ${request.bronzeTable} WHERE _run_id IN (${request.runIdLiterals.join(', ')})`;
  // Lines of the other claim form in a mixed medical-claim file are that form's pipeline's to judge.
  const routedElsewhere = layout.claimTypeColumn ? routedElsewhereSql(stage.quote(layout.claimTypeColumn), request.dataType) : null;
  const ownRows = `SELECT ${stage.bronzeRowId} AS __bronze_rowid, * ${ofTheseRuns}${routedElsewhere ? ` AND NOT ${routedElsewhere}` : ''}`;
  const staged = stageSql(
    bronzeLinesSql(ownRows, layout, bronzeColumn, stage),
    columns,
    { runId: 'b._run_id', sourceFile: 'b._source_file', bronzeRowid: 'b.__bronze_rowid', bronzeLine: bronzeColumn(BRONZE_LINE_COLUMN) },
    stage,
  );
  const expectations = [
    ...planExpectations({
      dataType: request.dataType,
      present: new Set(columns.map((column) => column.canonical)),
      pack: request.pack,
      render: request.render,
      stage,
      dateColumns: staged.dateColumns,
      overrides: request.overrides,
      lookups: request.lookups,
      notApplicable: layout.notApplicable,
      notCarried: layout.notCarried,
    }),
    ...(routedElsewhere ? [unroutedExpectation(stage)] : []),
  ];
  return { stage: staged, expectations, ofTheseRuns, routedElsewhere };
}

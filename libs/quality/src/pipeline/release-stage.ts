import { formatTableName, type DataType, type LineageEdge, type ReleaseFilter, type QualitySettings } from '@ade/contracts';
import type { SqlSession } from '@ade/lakehouse';
import { canonicalSchema, loadLayouts, loadStatePack, todayIsoDate } from '@ade/healthcare';
import { stageDialectFor, type StageDialect } from '../sql/stage-dialect';
import { medallionTables, tableColumns } from './catalog-tables';
import { MIXED_MEDICAL_CLAIM_LAYOUT, unroutedExpectation } from './claim-routing';
import { planExpectations } from './expectations';
import { matchesRuleSql } from './judgement-sql';
import { judgeRows } from './judged-rows';
import { recordLineageSql } from './lineage-sql';
import { asOneWrite, ensureSilverTables, writeMedallion } from './quality-stage';
import { loadReferenceTables, type QualitySession } from './reference-session';
import { codeSystemColumns, columnKinds } from './repairs';
import { SILVER_BATCH } from './silver-sql';
import { stageSql } from './stage-sql';

export interface ReleaseRequest {
  dataType: DataType;
  catalog: string;
  table: string;
  releaseId: string;
  filter: ReleaseFilter;
  settings: QualitySettings;
  state?: string;
  asOf?: string;
  referenceCacheDir: string;
  /** See QualityRunRequest.protectTables: a gold table the release creates is protected before its first row. */
  protectTables?: () => Promise<void>;
}

export interface ReleaseResult {
  table: string;
  examined: number;
  released: number;
  byRule: Array<{ rule: string; released: number }>;
  lineage: LineageEdge[];
}

/**
 * Gives quarantined rows another chance after a rule change or a fix: the unreleased rows the
 * filter selects are judged again by the pipeline's current expectations, and those that pass
 * now are merged into silver (and gold refreshed). Nothing is deleted: a released row stays in
 * the quarantine, marked with the release. Delivering the same release again changes nothing.
 * On Databricks, without a transaction, the rows are marked released after silver took them: a
 * release stopped in between merges the same rows into silver again (a no-op) when delivered again.
 */
export async function releaseQuarantined(session: QualitySession, request: ReleaseRequest): Promise<ReleaseResult> {
  const stage = stageDialectFor(session.dialect, request.releaseId);
  const literal = stage.expressions.string;
  const schema = canonicalSchema(request.dataType);
  const tables = medallionTables(request.catalog, request.table);
  const quarantine = stage.table(tables.quarantine);
  const silverName = formatTableName(tables.silver);
  if (!(await tableColumns(session, tables.quarantine, stage))) return { table: silverName, examined: 0, released: 0, byRule: [], lineage: [] };
  // A quarantine made before a column was added to its schema (or its metadata) gains it first.
  await ensureSilverTables(session, tables, schema, stage);
  const pack = loadStatePack(request.state);
  const ref = await loadReferenceTables(session, request.referenceCacheDir);
  const kinds = columnKinds(schema);
  const systems = codeSystemColumns(schema);
  const columns = schema.columns.map((column) => ({ canonical: column.name, sourceSql: `b.${stage.quote(column.name)}`, kind: kinds.get(column.name)!, codeSystem: systems.get(column.name) }));
  const conditions = ['_released_at IS NULL'];
  if (request.filter.runId) conditions.push(`_run_id = ${literal(request.filter.runId)}`);
  if (request.filter.rules?.length) conditions.push(matchesRuleSql('_rule_ids', request.filter.rules, stage));
  const present = new Set(schema.columns.map((column) => column.name));
  const render = { asOf: request.asOf ?? todayIsoDate(), statePack: pack, ref };

  return asOneWrite(session, stage, async () => {
    let judged = 0;
    let silverRows = 0;
    let goldEdges: LineageEdge[] = [];
    // Rows are judged as their file's layout judges them: a column it does not carry is not
    // required of them, a rule it leaves out is not run.
    // With nothing selected, one empty pass still reports gold's tables, as every release does.
    const layouts = await quarantinedLayouts(session, quarantine, conditions);
    for (const layoutId of layouts.length > 0 ? layouts : [null]) {
      const staged = stageSql(
        `SELECT * FROM ${quarantine} WHERE ${[...conditions, `_layout IS NOT DISTINCT FROM ${layoutId === null ? 'NULL' : literal(layoutId)}`].join(' AND ')}`,
        columns,
        { runId: 'b._run_id', sourceFile: 'b._source_file', bronzeRowid: 'b._bronze_rowid', bronzeLine: 'b._bronze_line' },
        stage,
      );
      const layout = layoutId === null ? undefined : loadLayouts().find((candidate) => candidate.id === layoutId);
      const expectations = [
        ...planExpectations({
          dataType: request.dataType,
          present,
          pack,
          render,
          dateColumns: staged.dateColumns,
          overrides: request.settings.expectations,
          lookups: { providers: null, eligibility: null, claims: [] },
          notApplicable: new Set(Object.keys(layout?.notApplicable ?? {})),
          notCarried: new Set(Object.keys(layout?.notCarried ?? {})),
          stage,
        }),
        // A line of a mixed medical-claim file still needs a claim type some rule set judges.
        ...(layoutId === MIXED_MEDICAL_CLAIM_LAYOUT.id ? [unroutedExpectation()] : []),
      ];
      const judgement = await judgeRows(session, staged, expectations, stage);
      const written = await writeMedallion(
        session,
        { schema, present, expectations, tables, runIds: [], releaseId: request.releaseId, layoutId, ...(request.protectTables ? { protectTables: request.protectTables } : {}) },
        stage,
      );
      await session.execute(markReleasedSql(quarantine, request.releaseId, stage));
      judged += judgement.rows;
      silverRows += written.silverRows;
      goldEdges = written.goldEdges;
    }
    const ofRelease = `_release_id = ${literal(request.releaseId)}`;
    const byRule = await session.query(`SELECT rule, count(*) AS n FROM (SELECT ${stage.explode('_rule_ids')} AS rule FROM ${quarantine} WHERE ${ofRelease}) AS released GROUP BY rule ORDER BY rule`);
    const [released] = await session.query(`SELECT count(*) AS n FROM ${quarantine} WHERE ${ofRelease}`);
    const lineage: LineageEdge[] = [
      { source: { kind: 'table', name: formatTableName(tables.quarantine) }, target: silverName, rows: silverRows },
      ...goldEdges,
    ];
    for (const statement of recordLineageSql(request.catalog, request.releaseId, lineage, stage)) await session.execute(statement);
    return {
      table: silverName,
      examined: judged + Number(released!['n']) - silverRows,
      released: Number(released!['n']),
      byRule: byRule.map((row) => ({ rule: String(row['rule']), released: Number(row['n']) })),
      lineage,
    };
  });
}

/**
 * Marks the quarantined rows silver took in this pass: one MERGE on both engines (Delta's UPDATE
 * takes no subquery). A row quarantined twice (its run judged again) is one source row here.
 */
function markReleasedSql(quarantine: string, releaseId: string, stage: StageDialect): string {
  const batch = `SELECT DISTINCT _run_id, _bronze_rowid, _bronze_line FROM ${stage.work.ref(SILVER_BATCH)}`;
  return (
    `MERGE INTO ${quarantine} AS q USING (${batch}) AS b ` +
    `ON b._run_id = q._run_id AND b._bronze_rowid = q._bronze_rowid AND b._bronze_line IS NOT DISTINCT FROM q._bronze_line AND q._released_at IS NULL ` +
    `WHEN MATCHED THEN UPDATE SET _released_at = current_timestamp, _release_id = ${stage.expressions.string(releaseId)}`
  );
}

/** The layouts the selected quarantined rows' files were read as (NULL: by names, or quarantined before layouts were kept). */
async function quarantinedLayouts(session: SqlSession, quarantine: string, conditions: readonly string[]): Promise<Array<string | null>> {
  const rows = await session.query(`SELECT DISTINCT _layout FROM ${quarantine} WHERE ${conditions.join(' AND ')} ORDER BY 1 NULLS FIRST`);
  return rows.map((row) => (row['_layout'] === null ? null : String(row['_layout'])));
}

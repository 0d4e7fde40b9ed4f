import { formatTableName, type LineageEdge, type TableRef } from '@ade/contracts';
import { duckdbSql, type SqlSession } from '@ade/lakehouse';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';

/**
 * The run's edges in the catalog's own `_system.lineage`, replacing those an earlier delivery of
 * the run recorded: the data plane keeps its history even where the control plane is not reached.
 */
export function recordLineageSql(catalog: string, runId: string, edges: readonly LineageEdge[], stage: StageDialect = duckdbStage): string[] {
  const table = stage.table({ catalog, schema: '_system', table: 'lineage' });
  const literal = stage.expressions.string;
  const statements = [`DELETE FROM ${table} WHERE run_id = ${literal(runId)}`];
  if (edges.length === 0) return statements;
  const values = edges.map((edge) => `(${[runId, edge.source.kind, edge.source.name, edge.target].map(literal).join(', ')}, ${duckdbSql.sqlInteger(edge.rows)}, current_timestamp)`);
  statements.push(`INSERT INTO ${table} (run_id, source_kind, source_name, target, rows, recorded_at) VALUES ${values.join(', ')}`);
  return statements;
}

/** The file → bronze edges of runs: how many rows each source file landed for them. */
export async function landedFileEdges(session: SqlSession, bronze: TableRef, runIds: readonly string[], stage: StageDialect): Promise<LineageEdge[]> {
  const rows = await session.query(
    `SELECT _source_file AS file, count(*) AS n FROM ${stage.table(bronze)} WHERE _run_id IN (${runIds.map(stage.expressions.string).join(', ')}) GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((row) => ({ source: { kind: 'file', name: String(row['file']) }, target: formatTableName(bronze), rows: Number(row['n']) }));
}

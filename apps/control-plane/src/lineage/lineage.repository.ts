import { Injectable } from '@nestjs/common';
import type { EventData, LineageEdge } from '@ade/contracts';
import { DatabaseScope } from '../database/database-scope';
import { assertTenantId } from '../database/tenant-scoped.repository';

export interface LineageEdgeRow {
  sourceKind: 'file' | 'table';
  sourceName: string;
  target: string;
  runId: string;
  rows: number;
  recordedAt: Date;
}

/**
 * The writes each run made (file or table into a table). One row per run, source and target: a
 * re-sent event changes nothing, a later attempt of the run replaces the row counts, and an edge
 * is stored only for a run of the event's own tenant.
 */
@Injectable()
export class LineageRepository {
  constructor(private readonly scope: DatabaseScope) {}

  async record(event: EventData<'lineage.recorded'>): Promise<void> {
    assertTenantId(event.tenantId);
    const edges = mergeDuplicates(event.edges);
    if (edges.length === 0) return;
    await this.scope.forTenant(event.tenantId, (tx) => tx.query(
      `INSERT INTO lineage_edges (tenant_id, run_id, pipeline_id, attempt, source_kind, source_name, target, row_count, recorded_at)
       SELECT r.tenant_id, r.id, (SELECT id FROM pipelines WHERE id = $3 AND tenant_id = $1), $4, e.kind, e.name, e.target, e.rows, $5
       FROM pipeline_runs r, jsonb_to_recordset($6::jsonb) AS e (kind text, name text, target text, rows bigint)
       WHERE r.id = $2 AND r.tenant_id = $1
       ON CONFLICT ON CONSTRAINT lineage_edges_once DO UPDATE
         SET row_count = EXCLUDED.row_count, attempt = EXCLUDED.attempt, recorded_at = EXCLUDED.recorded_at, pipeline_id = EXCLUDED.pipeline_id
         WHERE lineage_edges.attempt <= EXCLUDED.attempt`,
      [
        event.tenantId,
        event.runId,
        event.pipelineId,
        event.attempt,
        event.at,
        JSON.stringify(edges.map((edge) => ({ kind: edge.source.kind, name: edge.source.name, target: edge.target, rows: edge.rows }))),
      ],
    ));
  }

  /**
   * Every edge upstream of the table (transitively, down to the files) and downstream of it (the
   * tables built from it, and a silver table's quarantine, which its bronze source feeds), limited
   * to the `runs` most recent runs that wrote any of them.
   */
  async graph(tenantId: string, table: string, runs: number): Promise<LineageEdgeRow[]> {
    const rows: Array<Omit<LineageEdgeRow, 'rows'> & { rows: string }> = await this.scope.forTenant(tenantId, (tx) => tx.query(
      `WITH RECURSIVE
       table_edges AS (
         SELECT DISTINCT source_name AS source, target FROM lineage_edges WHERE tenant_id = $1 AND source_kind = 'table'
       ),
       upstream (name) AS (
         SELECT $2::text
         UNION
         SELECT e.source FROM table_edges e JOIN upstream u ON e.target = u.name
       ),
       downstream (name) AS (
         SELECT $2::text
         UNION
         SELECT e.target FROM table_edges e JOIN downstream d ON e.source = d.name
       ),
       graph AS (
         SELECT * FROM lineage_edges
         WHERE tenant_id = $1
           AND (target IN (SELECT name FROM upstream)
             OR (source_kind = 'table' AND source_name IN (SELECT name FROM downstream))
             OR target IN (SELECT name || '_quarantine' FROM downstream WHERE split_part(name, '.', 2) = 'silver'))
       ),
       recent AS (
         SELECT run_id FROM graph GROUP BY run_id ORDER BY max(recorded_at) DESC, run_id LIMIT $3
       )
       SELECT source_kind AS "sourceKind", source_name AS "sourceName", target, run_id AS "runId", row_count AS rows, recorded_at AS "recordedAt"
       FROM graph WHERE run_id IN (SELECT run_id FROM recent)`,
      [tenantId, table, runs],
    ));
    return rows.map((row) => ({ ...row, rows: Number(row.rows) }));
  }
}

/** The same write reported twice in one event (e.g. two batches) is one edge with both counts. */
function mergeDuplicates(edges: LineageEdge[]): LineageEdge[] {
  const merged = new Map<string, LineageEdge>();
  for (const edge of edges) {
    const key = JSON.stringify([edge.source.kind, edge.source.name, edge.target]);
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, rows: seen.rows + edge.rows } : edge);
  }
  return [...merged.values()];
}

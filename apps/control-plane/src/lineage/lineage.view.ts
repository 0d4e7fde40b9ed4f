import { parseTableName } from '@ade/contracts';
import type { LineageEdgeRow } from './lineage.repository';

const SCHEMA_ORDER = ['bronze', 'silver', 'gold'];

const nodeId = (kind: 'file' | 'table', name: string) => `${kind}:${name}`;

/** Where a table sits in the flow (bronze, silver, gold), so a run's edges read in the order data moved. */
function stage(table: string): number {
  const index = SCHEMA_ORDER.indexOf(parseTableName(table)?.schema ?? '');
  return index === -1 ? SCHEMA_ORDER.length : index;
}

/**
 * The graph as nodes and edges. Node ids are `file:<path>` and `table:<catalog.schema.table>`;
 * edges run newest run first and, within a run, in the order the data moved.
 */
export function lineageView(table: string, rows: LineageEdgeRow[]) {
  const runOrder = new Map<string, number>();
  for (const row of [...rows].sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())) {
    if (!runOrder.has(row.runId)) runOrder.set(row.runId, runOrder.size);
  }
  const edges = [...rows].sort(
    (a, b) =>
      runOrder.get(a.runId)! - runOrder.get(b.runId)! ||
      stage(a.target) - stage(b.target) ||
      a.target.localeCompare(b.target) ||
      a.sourceName.localeCompare(b.sourceName),
  );
  const nodes = new Map<string, { id: string; kind: 'file' | 'table'; name: string }>();
  for (const edge of edges) {
    nodes.set(nodeId(edge.sourceKind, edge.sourceName), { id: nodeId(edge.sourceKind, edge.sourceName), kind: edge.sourceKind, name: edge.sourceName });
    nodes.set(nodeId('table', edge.target), { id: nodeId('table', edge.target), kind: 'table', name: edge.target });
  }
  const nodeOrder = (node: { kind: string; name: string }) => (node.kind === 'file' ? -1 : stage(node.name));
  return {
    table,
    nodes: [...nodes.values()].sort((a, b) => nodeOrder(a) - nodeOrder(b) || a.name.localeCompare(b.name)),
    edges: edges.map((edge) => ({
      source: nodeId(edge.sourceKind, edge.sourceName),
      target: nodeId('table', edge.target),
      runId: edge.runId,
      rows: edge.rows,
      recordedAt: edge.recordedAt,
    })),
  };
}

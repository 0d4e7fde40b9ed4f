import { computeSpecSchema, type ComputeSpec } from '@ade/contracts';
import { sqlString } from './spark-sql/literals';

type Row = Record<string, unknown>;

/**
 * The latest snapshot of the compute's settings in the workspace's system tables (one row per
 * change; the newest is in force). Both tables need the `system.compute` schema enabled and
 * SELECT on it for the catalog's principal.
 */
export function computeSpecSql(compute: { kind: 'warehouse' | 'cluster'; id: string }): string {
  if (compute.kind === 'warehouse') {
    return `SELECT warehouse_type, warehouse_size, min_clusters, auto_stop_minutes FROM system.compute.warehouses
WHERE warehouse_id = ${sqlString(compute.id)} AND delete_time IS NULL ORDER BY change_time DESC LIMIT 1`;
  }
  return `SELECT worker_node_type, driver_node_type, worker_count, min_autoscale_workers, auto_termination_minutes, aws_attributes.availability AS availability
FROM system.compute.clusters WHERE cluster_id = ${sqlString(compute.id)} AND delete_time IS NULL ORDER BY change_time DESC LIMIT 1`;
}

const int = (value: unknown): number | null => (value === null || value === undefined || value === '' ? null : Number(value));

/**
 * The spec a system-table row describes, or null when the row does not fit one (a size this
 * platform does not know, a cluster with neither a fixed nor an autoscaling worker count): an
 * unpriceable spec falls back to the cost model's declared one rather than a guess.
 */
export function computeSpecOf(kind: 'warehouse' | 'cluster', row: Row | undefined): ComputeSpec | null {
  if (!row) return null;
  const spec =
    kind === 'warehouse'
      ? { kind, type: row['warehouse_type'], size: row['warehouse_size'], minClusters: int(row['min_clusters']) ?? 1, autoStopMinutes: int(row['auto_stop_minutes']) ?? 0 }
      : {
          kind,
          workerNodeType: row['worker_node_type'],
          driverNodeType: row['driver_node_type'] ?? row['worker_node_type'],
          // An autoscaling cluster runs at least its minimum; that is what is priced.
          workers: int(row['worker_count']) ?? int(row['min_autoscale_workers']),
          autoStopMinutes: int(row['auto_termination_minutes']) ?? 0,
          spot: typeof row['availability'] === 'string' && row['availability'].startsWith('SPOT'),
        };
  const parsed = computeSpecSchema.safeParse(spec);
  return parsed.success ? parsed.data : null;
}

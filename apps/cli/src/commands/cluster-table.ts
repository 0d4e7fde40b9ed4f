import type { ClusterInfo, UsageEstimate } from '@ade/databricks';
import { table } from '../output';

/** What a cluster's usage could be estimated as: DBUs, or unknown for a node type with no rate here. */
export type ClusterUsage = UsageEstimate | 'unknown';

export function clusterSummary(cluster: ClusterInfo) {
  return {
    name: cluster.cluster_name,
    clusterId: cluster.cluster_id,
    state: cluster.state,
    workers: cluster.autoscale ? `${cluster.autoscale.min_workers}-${cluster.autoscale.max_workers}` : String(cluster.num_workers ?? 0),
    nodeType: cluster.node_type_id ?? null,
    autoterminationMinutes: cluster.autotermination_minutes ?? 0,
  };
}

/** Clusters as a table; with usage (and its DBU price), the hours, DBUs and estimated cost of each. */
export function clusterTable(clusters: readonly ClusterInfo[], usage?: { of: readonly ClusterUsage[]; price: number }): string[] {
  if (clusters.length === 0) return ['No clusters'];
  const header = ['NAME', 'STATE', 'WORKERS', 'NODE', 'AUTO-STOP', ...(usage ? ['HOURS', 'DBUS', 'EST. USD'] : [])];
  const rows = clusters.map((cluster, index) => {
    const s = clusterSummary(cluster);
    const stop = s.autoterminationMinutes === 0 ? 'never' : `${s.autoterminationMinutes} min`;
    const used = usage?.of[index];
    const costs = !usage ? [] : used === undefined || used === 'unknown' ? ['?', '?', `? (no DBU rate for ${s.nodeType})`] : [used.hours.toFixed(1), used.dbus.toFixed(1), (used.dbus * usage.price).toFixed(2)];
    return [s.name, s.state, s.workers, s.nodeType ?? '-', stop, ...costs];
  });
  return table([header, ...rows]);
}

import { estimateUsage, isKnownNodeType, NODE_TYPES, type ClusterInfo, type ClustersApi } from '@ade/databricks';
import { UsageError } from '../cli-io';
import { parse, positiveNumber, type Command } from '../command';
import { emit } from '../output';
import { withClusters } from './cluster-args';
import { clusterSummary, clusterTable, type ClusterUsage } from './cluster-table';

/** Databricks list price of an All-Purpose Compute DBU (AWS, Premium); pass --dbu-price for your contract's. */
const DEFAULT_DBU_PRICE = 0.55;
const HOUR_MS = 3_600_000;

const usage = 'ade cluster monitor [NAME] [--cost-analysis] [--hours N] [--dbu-price USD] [--json]';

export const clusterMonitorCommand: Command = {
  path: ['cluster', 'monitor'],
  usage,
  summary: 'Show clusters, their state and size, and with --cost-analysis their DBUs and estimated cost',
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { json: { type: 'boolean', default: false }, 'cost-analysis': { type: 'boolean', default: false }, hours: { type: 'string' }, 'dbu-price': { type: 'string' } },
      usage,
    );
    if (positionals.length > 1) throw new UsageError(`expected at most one cluster NAME\nusage: ${usage}`);
    const hours = positiveNumber(values.hours, '--hours', 24);
    const price = positiveNumber(values['dbu-price'], '--dbu-price', DEFAULT_DBU_PRICE);
    const costs = values['cost-analysis'];
    const to = Date.now();
    const from = to - hours * HOUR_MS;
    const rows = await withClusters(io, async (api) => {
      const clusters = positionals[0] === undefined ? await api.list() : [await api.byName(positionals[0])];
      const measured: Array<{ cluster: ClusterInfo; usage: ClusterUsage | null }> = [];
      for (const cluster of clusters) measured.push({ cluster, usage: costs ? await usageOf(api, cluster, from, to) : null });
      return measured;
    });
    const report = rows.map(({ cluster, usage: used }) => ({
      ...clusterSummary(cluster),
      ...(used && { usage: used === 'unknown' ? null : { hours: round(used.hours), dbus: round(used.dbus), estimatedCostUsd: round(used.dbus * price) } }),
    }));
    emit(io, values.json, { windowHours: hours, dbuPriceUsd: price, clusters: report }, () => [
      ...clusterTable(
        rows.map((r) => r.cluster),
        costs ? { of: rows.map((r) => r.usage ?? 'unknown'), price } : undefined,
      ),
      ...(costs ? ['', `DBUs over the last ${hours} h from the clusters' events, at $${price} per DBU (--dbu-price); cloud VM costs are billed apart.`] : []),
    ]);
    return 0;
  },
};

async function usageOf(api: ClustersApi, cluster: ClusterInfo, from: number, to: number): Promise<ClusterUsage> {
  const node = cluster.node_type_id ?? '';
  const driver = cluster.driver_node_type_id ?? node;
  if (!isKnownNodeType(node) || !isKnownNodeType(driver)) return 'unknown';
  const events = await api.events(cluster.cluster_id, from, to);
  // A cluster running before the window opened, with no event since, ran all of it.
  const runningBefore = cluster.state === 'RUNNING' && (cluster.start_time ?? 0) < from;
  return estimateUsage(events, { from, to, workersAtStart: runningBefore ? (cluster.num_workers ?? cluster.autoscale?.min_workers ?? 0) : null }, {
    driverDbuPerHour: NODE_TYPES[driver].dbuPerHour,
    workerDbuPerHour: NODE_TYPES[node].dbuPerHour,
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

import { randomUUID } from 'node:crypto';
import {
  clusterPolicy,
  clusterSpec,
  ClusterSpecError,
  ClustersApi,
  COST_LEVELS,
  estimateUsage,
  isKnownNodeType,
  NODE_TYPES,
  PoliciesApi,
  WORKLOAD_TYPES,
  type ClusterInfo,
  type CostLevel,
  type WorkloadType,
} from '@ade/databricks';
import { UsageError, type CliIo } from '../cli-io';
import { parse, requireOne, type Command } from '../command';
import { withWorkspace } from '../databricks-workspace';
import { emit, table } from '../output';

/** Databricks list price of an All-Purpose Compute DBU (AWS, Premium); pass --dbu-price for your contract's. */
const DEFAULT_DBU_PRICE = 0.55;

const createUsage = `ade cluster create NAME ${WORKLOAD_TYPES.join('|')} --cost-level ${COST_LEVELS.join('|')} [--owner USER] [--dry-run] [--json]`;
const policyUsage = `ade cluster policy NAME ${WORKLOAD_TYPES.join('|')} --cost-level ${COST_LEVELS.join('|')} [--owner USER] [--dry-run] [--json]`;
const listUsage = 'ade cluster list [--json]';
const resizeUsage = 'ade cluster resize NAME --min N --max N [--json]';
const terminateUsage = 'ade cluster terminate NAME [--json]';
const monitorUsage = 'ade cluster monitor [NAME] [--cost-analysis] [--hours N] [--dbu-price USD] [--json]';

export const clusterCreateCommand: Command = {
  path: ['cluster', 'create'],
  usage: createUsage,
  summary: 'Create a Databricks cluster for a workload type at a cost level (--dry-run prints the spec)',
  async run(argv, io) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false }, 'cost-level': { type: 'string' }, owner: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } }, createUsage);
    if (positionals.length !== 2) throw new UsageError(`expected a NAME and a workload type\nusage: ${createUsage}`);
    const [name, workload] = positionals as [string, string];
    const spec = specOrUsageError(() =>
      clusterSpec({
        name,
        workload: oneOf(workload, WORKLOAD_TYPES, 'workload type') as WorkloadType,
        costLevel: oneOf(values['cost-level'], COST_LEVELS, '--cost-level') as CostLevel,
        ...(values.owner !== undefined && { owner: values.owner }),
      }),
    );
    if (values['dry-run']) {
      io.stdout(`${JSON.stringify(spec, null, 2)}\n`);
      return 0;
    }
    const clusterId = await workspace(io, (clusters) => clusters.create(spec, randomUUID()));
    emit(io, values.json, { clusterId, spec }, () => [`Cluster ${name} is being created (${clusterId}): ${spec.node_type_id}, ${spec.autoscale.min_workers}-${spec.autoscale.max_workers} workers, stops after ${spec.autotermination_minutes} idle minutes`]);
    return 0;
  },
};

export const clusterPolicyCommand: Command = {
  path: ['cluster', 'policy'],
  usage: policyUsage,
  summary: 'Create a cluster policy that holds clusters to a workload type and cost level (--dry-run prints it)',
  async run(argv, io) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false }, 'cost-level': { type: 'string' }, owner: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } }, policyUsage);
    if (positionals.length !== 2) throw new UsageError(`expected a NAME and a workload type\nusage: ${policyUsage}`);
    const [name, workload] = positionals as [string, string];
    const definition = clusterPolicy(
      specOrUsageError(() =>
        clusterSpec({
          name,
          workload: oneOf(workload, WORKLOAD_TYPES, 'workload type') as WorkloadType,
          costLevel: oneOf(values['cost-level'], COST_LEVELS, '--cost-level') as CostLevel,
          ...(values.owner !== undefined && { owner: values.owner }),
        }),
      ),
    );
    if (values['dry-run']) {
      io.stdout(`${JSON.stringify(definition, null, 2)}\n`);
      return 0;
    }
    const policyId = await withWorkspace(io, (client) => new PoliciesApi(client).create(name, definition));
    emit(io, values.json, { policyId, name, definition }, () => [`Cluster policy ${name} created (${policyId})`]);
    return 0;
  },
};

export const clusterListCommand: Command = {
  path: ['cluster', 'list'],
  usage: listUsage,
  summary: "List the workspace's clusters",
  async run(argv, io) {
    const { values } = parse(argv, { json: { type: 'boolean', default: false } }, listUsage);
    const clusters = await workspace(io, (api) => api.list());
    emit(io, values.json, clusters, () => clusterTable(clusters));
    return 0;
  },
};

export const clusterResizeCommand: Command = {
  path: ['cluster', 'resize'],
  usage: resizeUsage,
  summary: "Change a cluster's autoscale range",
  async run(argv, io) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false }, min: { type: 'string' }, max: { type: 'string' } }, resizeUsage);
    const name = requireOne(positionals, 'cluster NAME', resizeUsage);
    const min = workers(values.min, '--min');
    const max = workers(values.max, '--max');
    if (max < Math.max(min, 1)) throw new UsageError(`--max must be at least --min and at least 1\nusage: ${resizeUsage}`);
    const cluster = await workspace(io, async (api) => {
      const found = await api.byName(name);
      await api.resize(found.cluster_id, { min_workers: min, max_workers: max });
      return found;
    });
    emit(io, values.json, { clusterId: cluster.cluster_id, autoscale: { min_workers: min, max_workers: max } }, () => [`Cluster ${name} now scales between ${min} and ${max} workers`]);
    return 0;
  },
};

export const clusterTerminateCommand: Command = {
  path: ['cluster', 'terminate'],
  usage: terminateUsage,
  summary: 'Stop a cluster (its configuration stays)',
  async run(argv, io) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false } }, terminateUsage);
    const name = requireOne(positionals, 'cluster NAME', terminateUsage);
    const cluster = await workspace(io, async (api) => {
      const found = await api.byName(name);
      await api.terminate(found.cluster_id);
      return found;
    });
    emit(io, values.json, { clusterId: cluster.cluster_id, state: 'TERMINATING' }, () => [`Cluster ${name} is terminating`]);
    return 0;
  },
};

export const clusterMonitorCommand: Command = {
  path: ['cluster', 'monitor'],
  usage: monitorUsage,
  summary: 'Show clusters, their state and size, and with --cost-analysis their DBUs and estimated cost',
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { json: { type: 'boolean', default: false }, 'cost-analysis': { type: 'boolean', default: false }, hours: { type: 'string' }, 'dbu-price': { type: 'string' } },
      monitorUsage,
    );
    if (positionals.length > 1) throw new UsageError(`expected at most one cluster NAME\nusage: ${monitorUsage}`);
    const hours = positive(values.hours, '--hours', 24);
    const price = positive(values['dbu-price'], '--dbu-price', DEFAULT_DBU_PRICE);
    const to = Date.now();
    const from = to - hours * 3_600_000;
    const rows = await workspace(io, async (api) => {
      const clusters = positionals[0] === undefined ? await api.list() : [await api.byName(positionals[0])];
      const measured = [];
      for (const cluster of clusters) measured.push({ cluster, usage: values['cost-analysis'] ? await usageOf(api, cluster, from, to) : null });
      return measured;
    });
    const report = rows.map(({ cluster, usage }) => ({
      ...summaryOf(cluster),
      ...(usage && { usage: usage === 'unknown' ? null : { hours: round(usage.hours), dbus: round(usage.dbus), estimatedCostUsd: round(usage.dbus * price) } }),
    }));
    emit(io, values.json, { windowHours: hours, dbuPriceUsd: price, clusters: report }, () => [
      ...clusterTable(rows.map((r) => r.cluster), values['cost-analysis'] ? rows.map((r) => r.usage) : undefined, price),
      ...(values['cost-analysis'] ? ['', `DBUs over the last ${hours} h from the clusters' events, at $${price} per DBU (--dbu-price); cloud VM costs are billed apart.`] : []),
    ]);
    return 0;
  },
};

type Usage = ReturnType<typeof estimateUsage> | 'unknown';

async function usageOf(api: ClustersApi, cluster: ClusterInfo, from: number, to: number): Promise<Usage> {
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

function summaryOf(cluster: ClusterInfo) {
  return {
    name: cluster.cluster_name,
    clusterId: cluster.cluster_id,
    state: cluster.state,
    workers: cluster.autoscale ? `${cluster.autoscale.min_workers}-${cluster.autoscale.max_workers}` : String(cluster.num_workers ?? 0),
    nodeType: cluster.node_type_id ?? null,
    autoterminationMinutes: cluster.autotermination_minutes ?? 0,
  };
}

function clusterTable(clusters: readonly ClusterInfo[], usage?: readonly (Usage | null)[], price = DEFAULT_DBU_PRICE): string[] {
  if (clusters.length === 0) return ['No clusters'];
  const header = ['NAME', 'STATE', 'WORKERS', 'NODE', 'AUTO-STOP', ...(usage ? ['HOURS', 'DBUS', 'EST. USD'] : [])];
  const rows = clusters.map((cluster, index) => {
    const s = summaryOf(cluster);
    const stop = s.autoterminationMinutes === 0 ? 'never' : `${s.autoterminationMinutes} min`;
    const used = usage?.[index];
    const costs = usage ? (used === 'unknown' || !used ? ['?', '?', `? (no DBU rate for ${s.nodeType})`] : [used.hours.toFixed(1), used.dbus.toFixed(1), (used.dbus * price).toFixed(2)]) : [];
    return [s.name, s.state, s.workers, s.nodeType ?? '-', stop, ...costs];
  });
  return table([header, ...rows]);
}

/** The Clusters API of the configured workspace. */
function workspace<T>(io: CliIo, work: (clusters: ClustersApi) => Promise<T>): Promise<T> {
  return withWorkspace(io, (client) => work(new ClustersApi(client)));
}

function specOrUsageError<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ClusterSpecError) throw new UsageError(error.message);
    throw error;
  }
}

function oneOf(value: string | undefined, allowed: readonly string[], what: string): string {
  if (value === undefined || !allowed.includes(value)) throw new UsageError(`${what} must be one of ${allowed.join(', ')}`);
  return value;
}

function workers(value: string | undefined, flag: string): number {
  if (value === undefined || !/^[0-9]{1,4}$/.test(value)) throw new UsageError(`${flag} must be a whole number of workers\nusage: ${resizeUsage}`);
  return Number(value);
}

function positive(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${flag} must be a positive number`);
  return number;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

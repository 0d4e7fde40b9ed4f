import { randomUUID } from 'node:crypto';
import { clusterPolicy, COST_LEVELS, PoliciesApi, WORKLOAD_TYPES } from '@ade/databricks';
import { UsageError } from '../cli-io';
import { parse, requireOne, type Command } from '../command';
import { withWorkspace } from '../databricks-workspace';
import { emit } from '../output';
import { specArguments, withClusters } from './cluster-args';
import { assertClusterRoom } from './cluster-plan-limit';
import { clusterTable } from './cluster-table';

const kinds = `${WORKLOAD_TYPES.join('|')} --cost-level ${COST_LEVELS.join('|')} [--owner USER] [--dry-run] [--json]`;
const createUsage = `ade cluster create NAME ${kinds}`;
const policyUsage = `ade cluster policy NAME ${kinds}`;
const listUsage = 'ade cluster list [--json]';
const resizeUsage = 'ade cluster resize NAME --min N --max N [--json]';
const terminateUsage = 'ade cluster terminate NAME [--json]';

export const clusterCreateCommand: Command = {
  path: ['cluster', 'create'],
  usage: createUsage,
  summary: 'Create a Databricks cluster for a workload type at a cost level (--dry-run prints the spec)',
  async run(argv, io) {
    const { spec, dryRun, json } = specArguments(argv, createUsage);
    if (dryRun) {
      io.stdout(`${JSON.stringify(spec, null, 2)}\n`);
      return 0;
    }
    const clusterId = await withClusters(io, async (clusters) => {
      await assertClusterRoom(io, clusters);
      return clusters.create(spec, randomUUID());
    });
    emit(io, json, { clusterId, spec }, () => [
      `Cluster ${spec.cluster_name} is being created (${clusterId}): ${spec.node_type_id}, ${spec.autoscale.min_workers}-${spec.autoscale.max_workers} workers, stops after ${spec.autotermination_minutes} idle minutes`,
    ]);
    return 0;
  },
};

export const clusterPolicyCommand: Command = {
  path: ['cluster', 'policy'],
  usage: policyUsage,
  summary: 'Create a cluster policy that holds clusters to a workload type and cost level (--dry-run prints it)',
  async run(argv, io) {
    const { spec, dryRun, json } = specArguments(argv, policyUsage);
    const definition = clusterPolicy(spec);
    if (dryRun) {
      io.stdout(`${JSON.stringify(definition, null, 2)}\n`);
      return 0;
    }
    const policyId = await withWorkspace(io, (client) => new PoliciesApi(client).create(spec.cluster_name, definition));
    emit(io, json, { policyId, name: spec.cluster_name, definition }, () => [`Cluster policy ${spec.cluster_name} created (${policyId})`]);
    return 0;
  },
};

export const clusterListCommand: Command = {
  path: ['cluster', 'list'],
  usage: listUsage,
  summary: "List the workspace's clusters",
  async run(argv, io) {
    const { values } = parse(argv, { json: { type: 'boolean', default: false } }, listUsage);
    const clusters = await withClusters(io, (api) => api.list());
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
    const cluster = await withClusters(io, async (api) => {
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
    const cluster = await withClusters(io, async (api) => {
      const found = await api.byName(name);
      await api.terminate(found.cluster_id);
      return found;
    });
    emit(io, values.json, { clusterId: cluster.cluster_id, state: 'TERMINATING' }, () => [`Cluster ${name} is terminating`]);
    return 0;
  },
};

function workers(value: string | undefined, flag: string): number {
  if (value === undefined || !/^[0-9]{1,4}$/.test(value)) throw new UsageError(`${flag} must be a whole number of workers\nusage: ${resizeUsage}`);
  return Number(value);
}

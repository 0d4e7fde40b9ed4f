import { clusterSpec, ClusterSpecError, ClustersApi, COST_LEVELS, WORKLOAD_TYPES, type ClusterSpec, type CostLevel, type WorkloadType } from '@ade/databricks';
import { UsageError, type CliIo } from '../cli-io';
import { oneOf, parse } from '../command';
import { withWorkspace } from '../databricks-workspace';

/** `NAME TYPE --cost-level LEVEL [--owner USER] [--dry-run] [--json]`, as `cluster create` and `cluster policy` take it. */
export function specArguments(argv: string[], usage: string): { spec: ClusterSpec; dryRun: boolean; json: boolean } {
  const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false }, 'cost-level': { type: 'string' }, owner: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } }, usage);
  if (positionals.length !== 2) throw new UsageError(`expected a NAME and a workload type\nusage: ${usage}`);
  const [name, workload] = positionals as [string, string];
  try {
    const spec = clusterSpec({
      name,
      workload: oneOf(workload, WORKLOAD_TYPES, 'workload type') as WorkloadType,
      costLevel: oneOf(values['cost-level'], COST_LEVELS, '--cost-level') as CostLevel,
      ...(values.owner !== undefined && { owner: values.owner }),
    });
    return { spec, dryRun: values['dry-run'], json: values.json };
  } catch (error) {
    if (error instanceof ClusterSpecError) throw new UsageError(error.message);
    throw error;
  }
}

/** The Clusters API of the configured workspace. */
export function withClusters<T>(io: CliIo, work: (clusters: ClustersApi) => Promise<T>): Promise<T> {
  return withWorkspace(io, (client) => work(new ClustersApi(client)));
}

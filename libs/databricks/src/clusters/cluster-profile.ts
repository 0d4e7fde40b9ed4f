import { NODE_TYPES, type NodeTypeId } from './node-types';

export const WORKLOAD_TYPES = ['ingestion', 'quality', 'analytics', 'ml'] as const;
export type WorkloadType = (typeof WORKLOAD_TYPES)[number];

export const COST_LEVELS = ['economy', 'balanced', 'performance'] as const;
export type CostLevel = (typeof COST_LEVELS)[number];

/** Databricks Runtime 15.4 LTS, and its ML flavour for ml workloads. */
const RUNTIME = '15.4.x-scala2.12';
const ML_RUNTIME = '15.4.x-cpu-ml-scala2.12';

/** The body of `POST /api/2.1/clusters/create`, the fields we set (Databricks Clusters API). */
export interface ClusterSpec {
  cluster_name: string;
  spark_version: string;
  node_type_id: NodeTypeId;
  driver_node_type_id: NodeTypeId;
  autoscale: { min_workers: number; max_workers: number };
  autotermination_minutes: number;
  aws_attributes: {
    availability: 'SPOT_WITH_FALLBACK' | 'ON_DEMAND';
    /** The first N nodes (the driver first) are on-demand, the rest spot. */
    first_on_demand: number;
    zone_id: 'auto';
    spot_bid_price_percent?: number;
  };
  /** Unity Catalog access mode: shared (USER_ISOLATION), or one named user for ML runtimes. */
  data_security_mode: 'USER_ISOLATION' | 'SINGLE_USER';
  single_user_name?: string;
  runtime_engine: 'STANDARD';
  enable_elastic_disk: boolean;
  spark_conf: Record<string, string>;
  custom_tags: Record<string, string>;
}

interface LevelShape {
  /** Workers per workload type: [min, max] for autoscale. */
  workers: Readonly<Record<WorkloadType, readonly [number, number]>>;
  node: NodeTypeId;
  availability: ClusterSpec['aws_attributes']['availability'];
  firstOnDemand: number;
  autoterminationMinutes: number;
}

/**
 * What each cost level buys: economy runs small nodes on spot (only the driver on-demand) and
 * stops after 15 idle minutes; balanced keeps the driver and one worker on-demand on larger nodes;
 * performance runs all on-demand, starts with more workers and waits 30 minutes before stopping.
 */
const LEVELS: Readonly<Record<CostLevel, LevelShape>> = {
  economy: {
    workers: { ingestion: [1, 4], quality: [1, 4], analytics: [1, 2], ml: [1, 2] },
    node: 'i3.xlarge',
    availability: 'SPOT_WITH_FALLBACK',
    firstOnDemand: 1,
    autoterminationMinutes: 15,
  },
  balanced: {
    workers: { ingestion: [2, 8], quality: [2, 8], analytics: [1, 4], ml: [1, 4] },
    node: 'i3.2xlarge',
    availability: 'SPOT_WITH_FALLBACK',
    firstOnDemand: 2,
    autoterminationMinutes: 20,
  },
  performance: {
    workers: { ingestion: [4, 16], quality: [4, 16], analytics: [2, 8], ml: [2, 8] },
    node: 'i3.4xlarge',
    availability: 'ON_DEMAND',
    firstOnDemand: 1,
    autoterminationMinutes: 30,
  },
};

/** Per workload: Delta writes sized for ingestion, adaptive execution for the rest. */
const SPARK_CONF: Readonly<Record<WorkloadType, Record<string, string>>> = {
  ingestion: { 'spark.databricks.delta.optimizeWrite.enabled': 'true', 'spark.databricks.delta.autoCompact.enabled': 'true' },
  quality: { 'spark.sql.adaptive.enabled': 'true' },
  analytics: { 'spark.sql.adaptive.enabled': 'true' },
  ml: {},
};

export class ClusterSpecError extends Error {
  override readonly name = 'ClusterSpecError';
}

export interface ClusterRequest {
  name: string;
  workload: WorkloadType;
  costLevel: CostLevel;
  /** Unity Catalog's single user of an ml cluster (ML runtimes run in single-user access mode). */
  owner?: string;
}

const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The cluster a workload type and cost level turn into: what `ade cluster create` sends, and prints with --dry-run. */
export function clusterSpec(request: ClusterRequest): ClusterSpec {
  if (!CLUSTER_NAME.test(request.name)) throw new ClusterSpecError('NAME must be 1-100 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  if (request.workload === 'ml' && !request.owner) throw new ClusterSpecError('an ml cluster runs in single-user access mode: give --owner, the user it is for');
  const level = LEVELS[request.costLevel];
  const [minWorkers, maxWorkers] = level.workers[request.workload];
  return {
    cluster_name: request.name,
    spark_version: request.workload === 'ml' ? ML_RUNTIME : RUNTIME,
    node_type_id: level.node,
    driver_node_type_id: level.node,
    autoscale: { min_workers: minWorkers, max_workers: maxWorkers },
    autotermination_minutes: level.autoterminationMinutes,
    aws_attributes: {
      availability: level.availability,
      first_on_demand: level.firstOnDemand,
      zone_id: 'auto',
      ...(level.availability === 'SPOT_WITH_FALLBACK' && { spot_bid_price_percent: 100 }),
    },
    data_security_mode: request.workload === 'ml' ? 'SINGLE_USER' : 'USER_ISOLATION',
    ...(request.workload === 'ml' && { single_user_name: request.owner }),
    runtime_engine: 'STANDARD',
    enable_elastic_disk: true,
    spark_conf: SPARK_CONF[request.workload],
    custom_tags: { ade_managed: 'true', ade_workload: request.workload, ade_cost_level: request.costLevel },
  };
}

/** DBUs per hour at a size: the driver plus `workers` workers of the spec's node type. */
export function dbuPerHour(spec: Pick<ClusterSpec, 'node_type_id' | 'driver_node_type_id'>, workers: number): number {
  return NODE_TYPES[spec.driver_node_type_id].dbuPerHour + workers * NODE_TYPES[spec.node_type_id].dbuPerHour;
}

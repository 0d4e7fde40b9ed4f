import { z } from 'zod';
import type { ComputeSpec, RunResources, WAREHOUSE_SIZES } from '@ade/contracts';
import { isKnownNodeType, NODE_TYPES } from '@ade/databricks';

const usd = z.number().nonnegative().max(1_000_000);

/**
 * A tenant's prices, in US dollars. Embedded runs are priced by the worker CPU they used;
 * Databricks runs by their compute's time: DBUs (per node hour, by node type) and the cloud VMs
 * under them, with worker nodes on spot capacity at a discount when the spec says so.
 */
export const costModelSchema = z
  .object({
    embedded: z.object({ cpuSecondUsd: usd }).strict(),
    databricks: z
      .object({
        /** Price of one DBU (by the workspace's tier and the compute type). */
        dbuUsd: usd,
        /** DBUs one node consumes per hour (by node type). */
        dbuPerNodeHour: z.number().positive().max(1000),
        /** Nodes of the compute: the driver and its workers. */
        nodes: z.int().min(1).max(1000),
        /** The cloud's on-demand price of one node's VM per hour. */
        vmUsdPerNodeHour: usd,
        /** Worker nodes (all but the driver) run on spot capacity. */
        spotWorkers: z.boolean(),
        /** Spot's discount off the on-demand VM price, 0-1. */
        spotDiscount: z.number().min(0).max(1),
        /** Idle minutes before the compute stops itself; 0 when it never does. */
        autoStopMinutes: z.int().min(0).max(10_080),
      })
      .strict(),
  })
  .strict();
export type CostModel = z.infer<typeof costModelSchema>;

/**
 * The platform's prices for a tenant nobody gave its own: a worker CPU second at the price of
 * a general-purpose cloud vCPU hour ($0.048/h); a small Databricks SQL compute (2 nodes of 0.75
 * DBU/h at $0.55 per DBU, $0.20 per VM hour, on demand, stopping after 10 idle minutes).
 */
export const DEFAULT_COST_MODEL: CostModel = {
  embedded: { cpuSecondUsd: 0.048 / 3600 },
  databricks: { dbuUsd: 0.55, dbuPerNodeHour: 0.75, nodes: 2, vmUsdPerNodeHour: 0.2, spotWorkers: false, spotDiscount: 0.6, autoStopMinutes: 10 },
};

/** What running a Databricks compute of this spec costs per hour: DBUs and VMs, spot workers discounted. */
export function databricksHourlyUsd(spec: CostModel['databricks']): { onDemand: number; actual: number } {
  const dbu = spec.nodes * spec.dbuPerNodeHour * spec.dbuUsd;
  const workers = spec.nodes - 1;
  const onDemandVms = spec.nodes * spec.vmUsdPerNodeHour;
  const spotSaved = spec.spotWorkers ? workers * spec.vmUsdPerNodeHour * spec.spotDiscount : 0;
  return { onDemand: dbu + onDemandVms, actual: dbu + onDemandVms - spotSaved };
}

/**
 * Workers per cluster of each SQL warehouse size, one driver besides (Databricks' sizing table
 * for pro and classic warehouses; serverless sizes are sold as the same capacity).
 */
export const WAREHOUSE_WORKERS: Record<(typeof WAREHOUSE_SIZES)[number], number> = {
  '2X_SMALL': 1,
  X_SMALL: 2,
  SMALL: 4,
  MEDIUM: 8,
  LARGE: 16,
  X_LARGE: 32,
  '2X_LARGE': 64,
  '3X_LARGE': 128,
  '4X_LARGE': 256,
  '5X_LARGE': 512,
};

/**
 * The spec a Databricks run is priced by: the compute as the worker read it from the workspace
 * (nodes from the warehouse size and its minimum clusters, or the cluster's workers and driver;
 * DBUs per node hour by node type where known; spot and auto-stop as set there), the cost
 * model's declared spec for what the workspace does not say, or for all of it when it said nothing.
 */
export function effectiveSpec(declared: CostModel['databricks'], compute: ComputeSpec | null | undefined): CostModel['databricks'] {
  if (!compute) return declared;
  if (compute.kind === 'warehouse') {
    return { ...declared, nodes: (WAREHOUSE_WORKERS[compute.size] + 1) * compute.minClusters, autoStopMinutes: compute.autoStopMinutes };
  }
  const dbuPerNodeHour = isKnownNodeType(compute.workerNodeType) ? NODE_TYPES[compute.workerNodeType].dbuPerHour : declared.dbuPerNodeHour;
  return { ...declared, nodes: compute.workers + 1, dbuPerNodeHour, spotWorkers: compute.spot, autoStopMinutes: compute.autoStopMinutes };
}

export interface RunPrice {
  costUsd: number;
  /** What the spec's spot workers saved against on-demand VMs for this run. */
  spotSavingsUsd: number;
  /** Databricks: the compute's hourly cost and idle minutes before it stops, as priced; null for embedded runs. */
  hourlyUsd: number | null;
  autoStopMinutes: number | null;
}

/**
 * One run's price. Embedded: the worker process's CPU seconds while the run was in flight × the
 * CPU-second price (a run that shared its worker is charged the process's CPU, an upper bound).
 * Databricks: the run's wall time on the compute × the compute's hourly cost (effectiveSpec).
 */
export function priceRun(resources: Pick<RunResources, 'engine' | 'cpuMs' | 'compute'>, wallMs: number, model: CostModel): RunPrice {
  if (resources.engine === 'embedded') return { costUsd: (resources.cpuMs / 1000) * model.embedded.cpuSecondUsd, spotSavingsUsd: 0, hourlyUsd: null, autoStopMinutes: null };
  const spec = effectiveSpec(model.databricks, resources.compute);
  const hours = wallMs / 3_600_000;
  const hourly = databricksHourlyUsd(spec);
  return { costUsd: hours * hourly.actual, spotSavingsUsd: hours * (hourly.onDemand - hourly.actual), hourlyUsd: hourly.actual, autoStopMinutes: spec.autoStopMinutes };
}

/**
 * What auto-termination saved over a period on Databricks: a compute that never stopped would have
 * cost every elapsed hour at its hourly rate; what was billed instead is each run's hours plus
 * one idle tail before the compute stopped (an upper bound: runs close together share tails).
 */
export function autoTerminationSavingsUsd(periodHours: number, hourlyUsd: number, billedUsd: number): number {
  const alwaysOn = periodHours * hourlyUsd;
  return Math.max(0, alwaysOn - Math.min(alwaysOn, billedUsd));
}

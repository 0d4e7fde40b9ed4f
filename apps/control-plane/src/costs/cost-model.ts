import { z } from 'zod';
import type { RunResources } from '@ade/contracts';

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

export interface RunPrice {
  costUsd: number;
  /** What the spec's spot workers saved against on-demand VMs for this run. */
  spotSavingsUsd: number;
}

/**
 * One run's price. Embedded: the worker process's CPU seconds while the run was in flight × the
 * CPU-second price (a run that shared its worker is charged the process's CPU, an upper bound).
 * Databricks: the run's wall time on the compute × the compute's hourly cost.
 */
export function priceRun(resources: Pick<RunResources, 'engine' | 'cpuMs'>, wallMs: number, model: CostModel): RunPrice {
  if (resources.engine === 'embedded') return { costUsd: (resources.cpuMs / 1000) * model.embedded.cpuSecondUsd, spotSavingsUsd: 0 };
  const hours = wallMs / 3_600_000;
  const hourly = databricksHourlyUsd(model.databricks);
  return { costUsd: hours * hourly.actual, spotSavingsUsd: hours * (hourly.onDemand - hourly.actual) };
}

/**
 * What auto-termination saved over a period on Databricks: a compute that never stopped would have
 * cost every hour of the period; one that stops after `autoStopMinutes` idle costs the runs' hours
 * plus one idle tail per run (an upper bound: runs close together share their tails). Zero when
 * the compute never stops.
 */
export function autoTerminationSavingsUsd(periodHours: number, runs: number, runHours: number, spec: CostModel['databricks']): number {
  if (spec.autoStopMinutes === 0) return 0;
  const hourly = databricksHourlyUsd(spec).actual;
  const billedHours = Math.min(periodHours, runHours + (runs * spec.autoStopMinutes) / 60);
  return Math.max(0, (periodHours - billedHours) * hourly);
}

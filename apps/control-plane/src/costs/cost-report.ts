import { autoTerminationSavingsUsd, type CostModel } from './cost-model';
import type { CostTotals } from './run-costs.repository';

export interface Saving {
  usd: number;
  /** How the figure was computed, from which recorded facts. */
  method: string;
}

export interface CostSavings {
  skippedFiles: Saving & { bytesSkipped: number };
  spot: Saving;
  autoTermination: Saving;
}

const dollars = (usd: number) => `$${usd.toFixed(usd < 1 ? 6 : 2)}`;

/** How runs were priced under `model`, in words, for the report. */
export function pricingMethod(model: CostModel): string {
  const spec = model.databricks;
  return (
    `embedded runs: worker CPU seconds while the run was in flight × ${dollars(model.embedded.cpuSecondUsd)} per CPU second ` +
    `(a run whose worker ran other jobs meanwhile is charged the whole process's CPU, an upper bound; counted in sharedRuns); ` +
    `Databricks runs: wall hours × ${spec.nodes} nodes × (${spec.dbuPerNodeHour} DBU per node hour × ${dollars(spec.dbuUsd)} per DBU + ${dollars(spec.vmUsdPerNodeHour)} VM per node hour` +
    `${spec.spotWorkers ? `, workers' VMs on spot at ${Math.round(spec.spotDiscount * 100)}% off` : ''}), where nodes, DBUs per node hour (known node types), spot and auto-stop come from the run's compute as read from the workspace's system tables when it could be, the declared spec otherwise; each run is priced by the model in force when it finished`
  );
}

/**
 * What the period saved, each from recorded facts: files skipped as already ingested, priced at
 * the period's cost per byte read; spot workers' VM discount as recorded per run; auto-termination
 * against a compute that never stopped over the period so far (Databricks runs only, at the
 * period's highest hourly rate, against each run's hours plus one idle tail at its own rate).
 */
export function costSavings(total: CostTotals, periodHours: number): CostSavings {
  const perByte = total.bytesRead > 0 ? total.costUsd / total.bytesRead : 0;
  const skipped: CostSavings['skippedFiles'] = {
    usd: total.bytesSkipped * perByte,
    bytesSkipped: total.bytesSkipped,
    method:
      total.bytesRead > 0
        ? `bytes of files skipped as already ingested (${total.bytesSkipped}) × the period's cost per byte read (${dollars(total.costUsd)} / ${total.bytesRead} bytes)`
        : 'no bytes were read in the period, so skipped files are not priced',
  };
  const spot: Saving = {
    usd: total.spotSavingsUsd,
    method: total.databricksRuns > 0 ? "per Databricks run: wall hours × worker nodes × VM price per node hour × the spot discount, by the run's compute spec" : 'no Databricks runs in the period',
  };
  const autoTermination: Saving =
    total.databricksRuns === 0
      ? { usd: 0, method: 'no Databricks runs in the period' }
      : total.neverStoppingRuns === total.databricksRuns
        ? { usd: 0, method: 'the compute never stops by itself (auto-stop 0)' }
        : {
            usd: autoTerminationSavingsUsd(periodHours, total.databricksHourlyUsd, total.databricksBilledUsd),
            method:
              `a compute that never stopped: ${periodHours.toFixed(1)} h × ${dollars(total.databricksHourlyUsd)}/h, less what was billed: ` +
              `${total.databricksHours.toFixed(2)} run hours of ${total.databricksRuns} runs, each with its idle minutes before the compute stopped, at each run's rate (${dollars(total.databricksBilledUsd)})`,
          };
  return { skippedFiles: skipped, spot, autoTermination };
}

/** Hours of [from, to) that have passed by `now`. */
export function elapsedHours(from: Date, to: Date, now: Date): number {
  const end = Math.min(to.getTime(), now.getTime());
  return Math.max(0, end - from.getTime()) / 3_600_000;
}

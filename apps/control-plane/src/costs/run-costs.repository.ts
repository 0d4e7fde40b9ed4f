import { Injectable } from '@nestjs/common';
import type { RunResources } from '@ade/contracts';
import { DatabaseScope } from '../database/database-scope';
import type { CostModel, RunPrice } from './cost-model';

/** Sums over a group of priced runs. */
export interface CostTotals {
  runs: number;
  cpuSeconds: number;
  /** Wall hours of runs on Databricks compute. */
  databricksRuns: number;
  databricksHours: number;
  bytesRead: number;
  bytesSkipped: number;
  bytesWritten: number;
  rowsRead: number;
  rowsWritten: number;
  costUsd: number;
  spotSavingsUsd: number;
  /** Databricks: each run's hours plus one idle tail before its compute stopped, at the run's hourly rate. */
  databricksBilledUsd: number;
  /** Databricks: the highest hourly rate of the group's runs (what a compute left running would cost per hour). */
  databricksHourlyUsd: number;
  /** Databricks runs on compute that never stops by itself. */
  neverStoppingRuns: number;
  /** Runs whose worker ran other jobs meanwhile: their CPU, and so their price, is an upper bound. */
  sharedRuns: number;
}

export type CostGroup = 'pipeline' | 'month';

const TOTALS = `count(*)::int AS runs, coalesce(sum(cpu_ms), 0)::float8 / 1000 AS "cpuSeconds",
  (count(*) FILTER (WHERE engine = 'databricks'))::int AS "databricksRuns",
  coalesce(sum(wall_ms) FILTER (WHERE engine = 'databricks'), 0)::float8 / 3600000 AS "databricksHours",
  coalesce(sum(bytes_read), 0)::float8 AS "bytesRead", coalesce(sum(bytes_skipped), 0)::float8 AS "bytesSkipped",
  coalesce(sum(bytes_written), 0)::float8 AS "bytesWritten", coalesce(sum(rows_read), 0)::float8 AS "rowsRead",
  coalesce(sum(rows_written), 0)::float8 AS "rowsWritten", coalesce(sum(cost_usd), 0)::float8 AS "costUsd",
  coalesce(sum(spot_savings_usd), 0)::float8 AS "spotSavingsUsd", (count(*) FILTER (WHERE shared_worker))::int AS "sharedRuns",
  coalesce(sum((wall_ms::float8 / 3600000 + auto_stop_minutes::float8 / 60) * hourly_usd) FILTER (WHERE engine = 'databricks'), 0)::float8 AS "databricksBilledUsd",
  coalesce(max(hourly_usd) FILTER (WHERE engine = 'databricks'), 0)::float8 AS "databricksHourlyUsd",
  (count(*) FILTER (WHERE engine = 'databricks' AND auto_stop_minutes = 0))::int AS "neverStoppingRuns"`;

const KEY: Record<CostGroup, string> = {
  pipeline: `pipeline_id::text AS key, max(pipeline_name) AS label`,
  month: `to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM') AS key, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM') AS label`,
};

/** Each succeeded run's measured use and its price; one row per run, however often its success is delivered. */
@Injectable()
export class RunCostsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  /** Records a succeeded run's use and price; the pipeline and finish time are read from the run itself. */
  async record(tenantId: string, runId: string, resources: RunResources, wallMs: number, price: RunPrice, model: CostModel): Promise<void> {
    await this.scope.forTenant(tenantId, (tx) =>
      tx.query(
        `INSERT INTO run_costs (tenant_id, run_id, pipeline_id, pipeline_name, engine, finished_at, wall_ms, cpu_ms, shared_worker,
           bytes_read, bytes_skipped, bytes_written, rows_read, rows_written, cost_usd, spot_savings_usd, hourly_usd, auto_stop_minutes, compute, model)
         SELECT tenant_id, id, pipeline_id, pipeline_name, $3, finished_at, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17 FROM pipeline_runs
         WHERE tenant_id = $1 AND id = $2 AND status = 'succeeded' AND finished_at IS NOT NULL
         ON CONFLICT (tenant_id, run_id) DO NOTHING`,
        [
          tenantId,
          runId,
          resources.engine,
          wallMs,
          resources.cpuMs,
          resources.sharedWorker,
          resources.bytesRead,
          resources.bytesSkipped,
          resources.bytesWritten,
          resources.rowsRead,
          resources.rowsWritten,
          price.costUsd,
          price.spotSavingsUsd,
          price.hourlyUsd,
          price.autoStopMinutes,
          resources.compute ? JSON.stringify(resources.compute) : null,
          JSON.stringify(model),
        ],
      ),
    );
  }

  /** A tenant's runs finished in [from, to), grouped; `pipelineId` narrows to one pipeline. */
  async grouped(tenantId: string, by: CostGroup, from: Date, to: Date, pipelineId: string | null): Promise<Array<CostTotals & { key: string; label: string }>> {
    return this.scope.readForTenant(tenantId, (manager) =>
      manager.query(
        `SELECT ${KEY[by]}, ${TOTALS} FROM run_costs
         WHERE tenant_id = $1 AND finished_at >= $2 AND finished_at < $3 AND ($4::uuid IS NULL OR pipeline_id = $4::uuid)
         GROUP BY 1 ORDER BY 1`,
        [tenantId, from, to, pipelineId],
      ),
    );
  }

  /** Every tenant's runs finished in [from, to), per tenant and month, for operators. */
  async perTenantAndMonth(from: Date, to: Date): Promise<Array<CostTotals & { tenantId: string; month: string }>> {
    return this.scope.asPlatform('operator cost report', (tx) =>
      tx.query(
        `SELECT tenant_id::text AS "tenantId", to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, ${TOTALS}
         FROM run_costs WHERE finished_at >= $1 AND finished_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`,
        [from, to],
      ),
    );
  }
}

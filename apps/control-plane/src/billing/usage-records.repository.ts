import { Injectable } from '@nestjs/common';
import { DatabaseScope } from '../database/database-scope';

export interface UsageRecord {
  tenantId: string;
  runId: string;
  pipelineId: string;
  records: number;
  occurredAt: Date;
  status: 'pending' | 'reported';
  attempts: number;
  meterEventIdentifier: string | null;
  reportedAt: Date | null;
  lastError: string | null;
}

/** Records processed in a period: all of them, and how many Stripe has been told of. */
export interface UsageTotals {
  runs: number;
  records: number;
  reportedRecords: number;
  pendingRecords: number;
}

const COLUMNS = `tenant_id AS "tenantId", run_id AS "runId", pipeline_id AS "pipelineId", records::float8 AS records, occurred_at AS "occurredAt",
  status, attempts, meter_event_identifier AS "meterEventIdentifier", reported_at AS "reportedAt", last_error AS "lastError"`;
const TOTALS = `count(*)::int AS runs, coalesce(sum(records), 0)::float8 AS records,
  coalesce(sum(records) FILTER (WHERE status = 'reported'), 0)::float8 AS "reportedRecords",
  coalesce(sum(records) FILTER (WHERE status = 'pending'), 0)::float8 AS "pendingRecords"`;

/**
 * The usage ledger: one row per succeeded run that processed records, and whether Stripe was
 * told of it. A run is recorded once (its id is the key), whatever how often its success event
 * is delivered; a row is marked reported only after Stripe accepted its meter event.
 */
@Injectable()
export class UsageRecordsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  /** Records a succeeded run's processed rows, read from the run itself; null when it processed none. */
  recordRun(tenantId: string, runId: string): Promise<UsageRecord | null> {
    return this.scope.forTenant(tenantId, async (tx) => {
      await tx.query(
        `INSERT INTO usage_records (tenant_id, run_id, pipeline_id, records, occurred_at)
         SELECT tenant_id, id, pipeline_id, rows_loaded, finished_at FROM pipeline_runs
         WHERE tenant_id = $1 AND id = $2 AND status = 'succeeded' AND rows_loaded > 0 AND finished_at IS NOT NULL
         ON CONFLICT (tenant_id, run_id) DO NOTHING`,
        [tenantId, runId],
      );
      const rows = await tx.query(`SELECT ${COLUMNS} FROM usage_records WHERE tenant_id = $1 AND run_id = $2`, [tenantId, runId]);
      return rows[0] ?? null;
    });
  }

  async get(tenantId: string, runId: string): Promise<UsageRecord | null> {
    const rows = await this.scope.readForTenant(tenantId, (manager) => manager.query(`SELECT ${COLUMNS} FROM usage_records WHERE tenant_id = $1 AND run_id = $2`, [tenantId, runId]));
    return rows[0] ?? null;
  }

  async markReported(tenantId: string, runId: string, identifier: string): Promise<void> {
    await this.scope.forTenant(tenantId, (tx) =>
      tx.query(
        `UPDATE usage_records SET status = 'reported', meter_event_identifier = $3, reported_at = now(), attempts = attempts + 1, last_error = NULL
         WHERE tenant_id = $1 AND run_id = $2 AND status = 'pending'`,
        [tenantId, runId, identifier],
      ),
    );
  }

  async noteFailedAttempt(tenantId: string, runId: string, reason: string): Promise<void> {
    await this.scope.forTenant(tenantId, (tx) =>
      tx.query(`UPDATE usage_records SET attempts = attempts + 1, last_error = $3 WHERE tenant_id = $1 AND run_id = $2 AND status = 'pending'`, [tenantId, runId, reason]),
    );
  }

  /** Runs whose usage is still unreported after `before`: their report job may be gone (failed for good, or never queued). */
  pendingSince(before: Date, limit: number): Promise<Array<{ tenantId: string; runId: string }>> {
    return this.scope.asPlatform('usage reconciliation: unreported runs of every tenant', (tx) =>
      tx.query(`SELECT tenant_id AS "tenantId", run_id AS "runId" FROM usage_records WHERE status = 'pending' AND occurred_at < $1 ORDER BY occurred_at LIMIT $2`, [before, limit]),
    );
  }

  /** A tenant's usage in [from, to). */
  async totals(tenantId: string, from: Date, to: Date): Promise<UsageTotals> {
    const [row] = await this.scope.readForTenant(tenantId, (manager) =>
      manager.query(`SELECT ${TOTALS} FROM usage_records WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3`, [tenantId, from, to]),
    );
    return row;
  }

  /** Every tenant's usage in [from, to), for operators. */
  async totalsByTenant(from: Date, to: Date): Promise<Map<string, UsageTotals>> {
    const rows: Array<UsageTotals & { tenantId: string }> = await this.scope.asPlatform('operator billing overview', (tx) =>
      tx.query(`SELECT tenant_id AS "tenantId", ${TOTALS} FROM usage_records WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY tenant_id`, [from, to]),
    );
    return new Map(rows.map(({ tenantId, ...totals }) => [tenantId, totals]));
  }
}

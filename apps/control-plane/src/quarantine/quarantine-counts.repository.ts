import { Injectable } from '@nestjs/common';
import type { EventData } from '@ade/contracts';
import { DatabaseScope } from '../database/database-scope';
import { ruleOf } from './quarantine-rule';

export interface QuarantinedTally {
  /** Distinct rows: a row that failed several rules counts once. */
  quarantined: number;
  byRule: Map<string, number>;
}

/**
 * How many rows each run's quality stage quarantined, in all and by `drop` rule (see ruleOf), from
 * the `quality.measured` reports. Kept per run and table: a re-sent report changes nothing, a later
 * attempt of the run replaces the counts, and only a run of the event's own tenant is counted.
 */
@Injectable()
export class QuarantineCountsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  async record(event: EventData<'quality.measured'>): Promise<void> {
    const { report } = event;
    const byRule = new Map<string, number>();
    for (const expectation of report.expectations) {
      if (expectation.action !== 'drop' || expectation.failed === 0) continue;
      const rule = ruleOf(expectation.id);
      byRule.set(rule, (byRule.get(rule) ?? 0) + expectation.failed);
    }
    await this.scope.forTenant(event.tenantId, async (tx) => {
      const current: unknown[] = await tx.query(
        `INSERT INTO quarantine_run_totals (tenant_id, run_id, pipeline_id, table_name, attempt, quarantined, measured_at)
         SELECT r.tenant_id, r.id, (SELECT id FROM pipelines WHERE id = $3 AND tenant_id = $1), $4, $5, $6, $7
         FROM pipeline_runs r WHERE r.id = $2 AND r.tenant_id = $1
         ON CONFLICT (run_id, table_name) DO UPDATE
           SET attempt = EXCLUDED.attempt, quarantined = EXCLUDED.quarantined, measured_at = EXCLUDED.measured_at, pipeline_id = EXCLUDED.pipeline_id
           WHERE quarantine_run_totals.attempt <= EXCLUDED.attempt
         RETURNING 1`,
        [event.tenantId, event.runId, event.pipelineId, report.table, event.attempt, report.rows.quarantined, event.at],
      );
      // Not this tenant's run, or an older attempt than the one already counted.
      if (current.length === 0) return;
      await tx.query(`DELETE FROM quarantine_counts WHERE run_id = $1 AND table_name = $2`, [event.runId, report.table]);
      if (byRule.size === 0) return;
      await tx.query(
        `INSERT INTO quarantine_counts (tenant_id, run_id, table_name, rule, quarantined)
         SELECT $1, $2, $3, c.rule, c.quarantined FROM jsonb_to_recordset($4::jsonb) AS c (rule text, quarantined bigint)`,
        [event.tenantId, event.runId, report.table, JSON.stringify([...byRule].map(([rule, quarantined]) => ({ rule, quarantined })))],
      );
    });
  }

  async tally(tenantId: string, table: string): Promise<QuarantinedTally> {
    return this.scope.forTenant(tenantId, async (tx) => {
      const [total]: Array<{ quarantined: string }> = await tx.query(
        `SELECT coalesce(sum(quarantined), 0) AS quarantined FROM quarantine_run_totals WHERE tenant_id = $1 AND table_name = $2`,
        [tenantId, table],
      );
      const byRule: Array<{ rule: string; quarantined: string }> = await tx.query(
        `SELECT rule, sum(quarantined) AS quarantined FROM quarantine_counts WHERE tenant_id = $1 AND table_name = $2 GROUP BY rule`,
        [tenantId, table],
      );
      return { quarantined: Number(total!.quarantined), byRule: new Map(byRule.map((row) => [row.rule, Number(row.quarantined)])) };
    });
  }
}

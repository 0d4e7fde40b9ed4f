import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { EventData, RunFailure } from '@ade/contracts';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { PipelineRun } from './pipeline-run.entity';

/**
 * Run rows, plus the state transitions worker events drive. Every transition is guarded by
 * `status IN ('queued', 'running')`, so a late or repeated event can never move a finished run.
 */
@Injectable()
export class RunsRepository extends TenantScopedRepository<PipelineRun> {
  constructor(@InjectRepository(PipelineRun) repository: Repository<PipelineRun>) {
    super(repository);
  }

  async markStarted(event: EventData<'run.started'>): Promise<void> {
    await this.transition(event.tenantId, event.runId, `status = 'running', attempt = GREATEST(attempt, $3), started_at = COALESCE(started_at, $4)`, [
      event.attempt,
      event.at,
    ]);
  }

  async markSucceeded(event: EventData<'run.succeeded'>): Promise<void> {
    await this.transition(
      event.tenantId,
      event.runId,
      `status = 'succeeded', attempt = $3, bronze_table = $4, rows_loaded = $5, files_loaded = $6, files_skipped = $7,
       files_quarantined = $10, error_code = NULL, error_message = NULL, started_at = COALESCE(started_at, $8), finished_at = $8, duration_ms = $9`,
      [
        event.attempt,
        event.bronzeTable,
        event.counts.rowsLoaded,
        event.counts.filesLoaded,
        event.counts.filesSkipped,
        event.at,
        event.durationMs,
        event.counts.filesQuarantined,
      ],
    );
  }

  /** A failed attempt that will be retried leaves the run open, with the latest error visible. */
  async markAttemptFailed(event: EventData<'run.failed'>): Promise<void> {
    const status = event.willRetry ? 'status' : `'failed'`;
    const finishedAt = event.willRetry ? 'finished_at' : '$6';
    await this.transition(
      event.tenantId,
      event.runId,
      `status = ${status}, attempt = GREATEST(attempt, $3), error_code = $4, error_message = $5, finished_at = ${finishedAt}`,
      [event.attempt, event.error.code, event.error.message, ...(event.willRetry ? [] : [event.at])],
    );
  }

  async markFailed(tenantId: string, runId: string, failure: RunFailure): Promise<void> {
    await this.transition(tenantId, runId, `status = 'failed', error_code = $3, error_message = $4, finished_at = now()`, [
      failure.code,
      failure.message,
    ]);
  }

  private async transition(tenantId: string, runId: string, assignments: string, values: unknown[]): Promise<void> {
    await this.query(tenantId,
      `UPDATE pipeline_runs SET ${assignments} WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')`,
      [tenantId, runId, ...values],
    );
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { ContractViolation, isJobName, isUuid, parseJob, QUEUE_ENTRY_ID, type AnyJob, type RunFailure, type SealRefusal } from '@ade/contracts';
import { openSeal, QueueKeyring, type Opened } from '@ade/queue';
import { EventPublisher } from '../events/event-publisher';
import { previousFailureCode } from '../healing/failure-policy';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobsInFlight } from './jobs-in-flight';

/**
 * Opens a delivery's seal with its queue's tenant key, validates it against its contract and its
 * queue, then hands it to its handler. A job without a valid seal (written to Redis by anyone but
 * the control plane, altered, moved from another tenant's queue or replayed past its lifetime) is
 * refused unread and reported for the tenant's audit chain; so is one whose tenant differs from
 * its queue.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly events: EventPublisher,
    private readonly keyring: QueueKeyring,
    private readonly inFlight: JobsInFlight,
  ) {}

  async run(queueTenantId: string, job: Job): Promise<unknown> {
    const opened = this.open(queueTenantId, job);
    if (!opened.ok) {
      await this.reportRefused(queueTenantId, job, opened.reason);
      throw new UnrecoverableError(`job refused: ${opened.reason}`);
    }
    const parsed = await this.parse(queueTenantId, job, opened.payload);
    if (parsed.data.tenantId !== queueTenantId) {
      this.logger.error({ msg: 'job tenant does not match its queue', jobId: job.id, queueTenantId });
      throw new UnrecoverableError('job tenant does not match the queue it was delivered on');
    }
    return this.inFlight.around(() =>
      this.registry.handlerFor(parsed.name)(parsed, {
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        previousFailureCode: previousFailureCode(job.failedReason),
      }),
    );
  }

  private open(queueTenantId: string, job: Job): Opened {
    return openSeal(this.keyring, 'job', { tenantId: queueTenantId, name: job.name, id: job.id ?? '' }, job.data);
  }

  private async reportRefused(queueTenantId: string, job: Job, reason: SealRefusal): Promise<void> {
    const jobId = job.id !== undefined && QUEUE_ENTRY_ID.test(job.id) ? job.id : null;
    const jobName = isJobName(job.name) ? job.name : null;
    this.logger.error({ msg: 'refused a job without a valid seal', jobId, jobName, queueTenantId, reason });
    await this.events.publish({ name: 'job.refused', data: { tenantId: queueTenantId, at: new Date().toISOString(), jobId, jobName, reason } });
  }

  private async parse(queueTenantId: string, job: Job, payload: Record<string, unknown>): Promise<AnyJob> {
    try {
      return parseJob(job.name, payload);
    } catch (error) {
      if (!(error instanceof ContractViolation)) throw error;
      this.logger.error({ msg: 'rejected malformed job', jobId: job.id, queueTenantId, reason: error.message });
      await this.reportInvalidRun(queueTenantId, job, error.message);
      throw new UnrecoverableError(error.message);
    }
  }

  /**
   * A job whose worker died is restarted by the queue a limited number of times; past that the
   * queue fails it on its next delivery without running any handler (a "deferred failure"), so
   * nobody else would tell the control plane.
   */
  async reportAbandoned(queueTenantId: string, job: Job): Promise<void> {
    if (!this.open(queueTenantId, job).ok) return;
    this.logger.error({ msg: 'job abandoned by its workers too often; failed', jobId: job.id, queueTenantId });
    await this.reportFailedRun(queueTenantId, job, {
      code: 'internal',
      message: 'the workers processing this run stopped responding repeatedly (crashed or killed); trigger it again',
    });
  }

  private async reportInvalidRun(queueTenantId: string, job: Job, reason: string): Promise<void> {
    await this.reportFailedRun(queueTenantId, job, { code: 'invalid_job', message: reason.slice(0, 2000) });
  }

  /** So a run whose job the handler never finished still ends as failed instead of staying open forever. */
  private async reportFailedRun(queueTenantId: string, job: Job, error: RunFailure): Promise<void> {
    const runId = (job.data as { runId?: unknown } | null)?.runId;
    if (job.name !== 'pipeline.run' || !isUuid(runId)) return;
    await this.events.publish({
      name: 'run.failed',
      data: { tenantId: queueTenantId, runId, attempt: job.attemptsMade + 1, at: new Date().toISOString(), willRetry: false, error },
    });
  }
}

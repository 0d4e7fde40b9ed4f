import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { ContractViolation, isUuid, parseJob, type AnyJob, type RunFailure } from '@ade/contracts';
import { EventPublisher } from '../events/event-publisher';
import { previousFailureCode } from '../healing/failure-policy';
import { JobHandlerRegistry } from './job-handler.registry';

/**
 * Validates a delivery against its contract and its queue, then hands it to its handler.
 * A job whose tenant differs from the queue it came from is refused outright.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly events: EventPublisher,
  ) {}

  async run(queueTenantId: string, job: Job): Promise<unknown> {
    const parsed = await this.parse(queueTenantId, job);
    if (parsed.data.tenantId !== queueTenantId) {
      this.logger.error({ msg: 'job tenant does not match its queue', jobId: job.id, queueTenantId });
      throw new UnrecoverableError('job tenant does not match the queue it was delivered on');
    }
    return this.registry.handlerFor(parsed.name)(parsed, {
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      previousFailureCode: previousFailureCode(job.failedReason),
    });
  }

  private async parse(queueTenantId: string, job: Job): Promise<AnyJob> {
    try {
      return parseJob(job.name, job.data);
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

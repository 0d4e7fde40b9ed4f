import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { ContractViolation, EVENTS_QUEUE, parseEvent, type AnyEvent } from '@ade/contracts';
import { RunsRepository } from '../runs/runs.repository';
import { TenantsRepository } from '../tenants/tenants.repository';

/**
 * Persists what data-plane workers report. Handlers are idempotent (guarded transitions), so an
 * event delivered twice changes nothing the second time.
 */
@Processor(EVENTS_QUEUE)
export class WorkerEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(WorkerEventsProcessor.name);

  constructor(
    private readonly runs: RunsRepository,
    private readonly tenants: TenantsRepository,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    let event: AnyEvent;
    try {
      event = parseEvent(job.name, job.data);
    } catch (error) {
      if (error instanceof ContractViolation) {
        this.logger.error({ msg: 'rejected malformed worker event', jobId: job.id, reason: error.message });
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
    await this.apply(event);
  }

  private async apply(event: AnyEvent): Promise<void> {
    switch (event.name) {
      case 'run.started':
        return this.runs.markStarted(event.data);
      case 'run.succeeded':
        return this.runs.markSucceeded(event.data);
      case 'run.failed':
        return this.runs.markAttemptFailed(event.data);
      case 'catalog.provisioned':
        return this.tenants.setCatalogStatus(event.data.tenantId, 'ready', null);
      case 'catalog.failed':
        return this.tenants.setCatalogStatus(event.data.tenantId, 'failed', event.data.error.message);
    }
  }
}

import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { SCHEDULES_QUEUE, scheduledRunSchema } from '@ade/contracts';
import { NotFoundError, PaymentRequiredError } from '../common/app-error';
import { RunsService } from './runs.service';

/**
 * Turns a fired pipeline schedule into a run, exactly as a manual trigger would. While the
 * tenant's billing stops runs, each firing is skipped: the schedule stays, and runs resume at
 * the first firing after payment.
 */
@Processor(SCHEDULES_QUEUE)
export class ScheduledRunProcessor extends WorkerHost {
  private readonly logger = new Logger(ScheduledRunProcessor.name);

  constructor(private readonly runs: RunsService) {
    super();
  }

  async process(job: Job): Promise<{ runId: string } | { skipped: string }> {
    const { tenantId, pipelineId } = scheduledRunSchema.parse(job.data);
    try {
      const run = await this.runs.trigger(tenantId, pipelineId, 'schedule', null);
      return { runId: run.id };
    } catch (error) {
      // A schedule that outlived its pipeline: nothing to run, and nothing to retry.
      if (error instanceof NotFoundError) {
        this.logger.warn({ msg: 'scheduled pipeline no longer exists', tenantId, pipelineId });
        return { skipped: 'pipeline not found' };
      }
      if (error instanceof PaymentRequiredError) {
        this.logger.warn({ msg: 'scheduled run paused by billing', tenantId, pipelineId });
        return { skipped: 'paused by billing' };
      }
      throw error;
    }
  }
}

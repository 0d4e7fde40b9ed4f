import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { RETENTION_QUEUE } from './retention.queue';
import { RetentionService } from './retention.service';

/** Runs the retention job the scheduler fires (one at a time: concurrency 1). */
@Processor(RETENTION_QUEUE, { concurrency: 1 })
export class RetentionProcessor extends WorkerHost {
  private readonly logger = new Logger(RetentionProcessor.name);

  constructor(private readonly retention: RetentionService) {
    super();
  }

  async process(job: Job): Promise<{ tenants: number; failed: number }> {
    const summary = await this.retention.applyRetention();
    const failed = summary.tenants.filter((t) => t.status === 'failed').length;
    this.logger.log({ msg: 'retention job done', jobId: job.id, tenants: summary.tenants.length, failed });
    return { tenants: summary.tenants.length, failed };
  }
}

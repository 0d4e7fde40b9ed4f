import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { BILLING_JOBS, BILLING_QUEUE, openBillingAccountSchema, reportUsageSchema } from '@ade/contracts';
import { QueueConfig } from '@ade/config';
import { PRODUCER_REDIS } from '../queues/queue.tokens';

/**
 * Stripe is called from jobs, never while a request or a worker event waits: an outage delays
 * billing, it does not fail tenant creation or lose a run's usage. Retries back off
 * exponentially with jitter; each job id is derived from what it is about, so queueing the same
 * work twice queues it once.
 */
const RETRIED: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

@Injectable()
export class BillingJobs implements OnModuleDestroy {
  private readonly queue: Queue;

  constructor(@Inject(PRODUCER_REDIS) redis: Redis, config: QueueConfig) {
    this.queue = new Queue(BILLING_QUEUE, { connection: redis, prefix: config.prefix });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }

  async openAccount(tenantId: string): Promise<void> {
    await this.queue.add(BILLING_JOBS.openAccount, openBillingAccountSchema.parse({ tenantId }), { ...RETRIED, jobId: `open-account.${tenantId}` });
  }

  async reportUsage(tenantId: string, runId: string): Promise<void> {
    await this.queue.add(BILLING_JOBS.reportUsage, reportUsageSchema.parse({ tenantId, runId }), { ...RETRIED, jobId: `usage.${runId}` });
  }
}

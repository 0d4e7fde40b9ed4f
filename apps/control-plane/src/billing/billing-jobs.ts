import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { BILLING_JOBS, BILLING_QUEUE, openBillingAccountSchema, reconcileUsageSchema, reportUsageSchema } from '@ade/contracts';
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

const RECONCILIATION_SCHEDULER = 'billing.reconcile-usage';

@Injectable()
export class BillingJobs implements OnModuleDestroy {
  private readonly queue: Queue;

  constructor(@Inject(PRODUCER_REDIS) redis: Redis, config: QueueConfig) {
    this.queue = new Queue(BILLING_QUEUE, { connection: redis, prefix: config.prefix });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }

  /** `sweep` names a later, separate attempt (the reconciliation's), as for reportUsage. */
  async openAccount(tenantId: string, sweep?: string): Promise<void> {
    const jobId = sweep ? `open-account.${tenantId}.${sweep}` : `open-account.${tenantId}`;
    await this.queue.add(BILLING_JOBS.openAccount, openBillingAccountSchema.parse({ tenantId }), { ...RETRIED, jobId });
  }

  /** `sweep` names a later, separate attempt (the reconciliation's), queued even when the first job is still kept. */
  async reportUsage(tenantId: string, runId: string, sweep?: string): Promise<void> {
    const jobId = sweep ? `usage.${runId}.${sweep}` : `usage.${runId}`;
    await this.queue.add(BILLING_JOBS.reportUsage, reportUsageSchema.parse({ tenantId, runId }), { ...RETRIED, jobId });
  }

  /** Runs the usage reconciliation every `everyMinutes` (one scheduler, however many control planes start). */
  async scheduleReconciliation(everyMinutes: number): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECONCILIATION_SCHEDULER,
      { every: everyMinutes * 60_000 },
      { name: BILLING_JOBS.reconcileUsage, data: reconcileUsageSchema.parse({}), opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } },
    );
  }

  /** One reconciliation now, besides the schedule (an operator's check, a test). */
  async reconcileNow(): Promise<string> {
    const job = await this.queue.add(BILLING_JOBS.reconcileUsage, reconcileUsageSchema.parse({}), { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } });
    return job.id!;
  }
}

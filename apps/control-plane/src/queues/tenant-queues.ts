import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { tenantQueueName, type AnyJob } from '@ade/contracts';
import { QueueConfig } from '@ade/config';
import { addJob } from '@ade/queue';
import { PRODUCER_REDIS } from './queue.tokens';

/** Producer side of the per-tenant run queues; one BullMQ Queue per tenant, made on first use. */
@Injectable()
export class TenantQueues implements OnModuleDestroy {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly config: QueueConfig,
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
  ) {}

  async dispatch(tenantId: string, job: AnyJob, options: JobsOptions & { jobId: string }): Promise<void> {
    if (job.data.tenantId !== tenantId) throw new Error('a job may only be sent to its own tenant queue');
    await addJob(this.queueFor(tenantId), job, options);
  }

  private queueFor(tenantId: string): Queue {
    let queue = this.queues.get(tenantId);
    if (!queue) {
      queue = new Queue(tenantQueueName(tenantId), { connection: this.redis, prefix: this.config.prefix });
      this.queues.set(tenantId, queue);
    }
    return queue;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}

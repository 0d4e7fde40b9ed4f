import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { SCHEDULED_RUN_JOB, SCHEDULES_QUEUE, scheduledRunSchema } from '@ade/contracts';
import { QueueConfig } from '@ade/config';
import { PRODUCER_REDIS } from '../queues/queue.tokens';

export interface SchedulablePipeline {
  id: string;
  tenantId: string;
  schedule: string | null;
}

/**
 * Keeps one BullMQ job scheduler per scheduled pipeline, keyed by pipeline id, so updating a
 * pipeline's cron replaces its schedule instead of adding a second one. Called while a request
 * waits, so it goes through the producer connection, which fails at once without Redis (the
 * queues' shared connection would wait for Redis to come back, holding the request meanwhile).
 */
@Injectable()
export class PipelineSchedules implements OnModuleDestroy {
  private readonly queue: Queue;

  constructor(@Inject(PRODUCER_REDIS) redis: Redis, config: QueueConfig) {
    this.queue = new Queue(SCHEDULES_QUEUE, { connection: redis, prefix: config.prefix });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }

  async sync(pipeline: SchedulablePipeline): Promise<void> {
    if (!pipeline.schedule) {
      await this.remove(pipeline.id);
      return;
    }
    const data = scheduledRunSchema.parse({ tenantId: pipeline.tenantId, pipelineId: pipeline.id });
    await this.queue.upsertJobScheduler(
      schedulerId(pipeline.id),
      { pattern: pipeline.schedule, tz: 'UTC' },
      { name: SCHEDULED_RUN_JOB, data, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }

  async remove(pipelineId: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(pipelineId));
  }

  /** Next fire time, for display; null when the pipeline has no schedule. */
  async nextRunAt(pipelineId: string): Promise<Date | null> {
    const scheduler = await this.queue.getJobScheduler(schedulerId(pipelineId));
    return scheduler?.next ? new Date(scheduler.next) : null;
  }
}

function schedulerId(pipelineId: string): string {
  return `pipeline.${pipelineId}`;
}

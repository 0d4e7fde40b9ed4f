import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { RetentionConfig } from '../config/retention.config';
import { RETENTION_JOB, RETENTION_QUEUE, RETENTION_SCHEDULER_ID } from './retention.queue';

/** Keeps the one retention job scheduler at RETENTION_INTERVAL_MS (BullMQ may fire a first run right away; retention is idempotent). */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(RETENTION_QUEUE) private readonly queue: Queue,
    private readonly config: RetentionConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RETENTION_SCHEDULER_ID,
      { every: this.config.intervalMs },
      { name: RETENTION_JOB, data: {}, opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } },
    );
  }
}

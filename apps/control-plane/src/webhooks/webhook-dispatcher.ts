import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { WebhookConfig } from '../config/webhook.config';
import { WEBHOOK_BACKOFF_STRATEGY, WEBHOOK_DELIVER_JOB, WEBHOOKS_QUEUE, webhookJobSchema } from './webhooks.queue';

/**
 * Puts deliveries on the webhooks queue. The job id is the delivery id, so a delivery is queued
 * at most once however often this is called for it (e.g. for a re-delivered worker event).
 */
@Injectable()
export class WebhookDispatcher {
  constructor(
    @InjectQueue(WEBHOOKS_QUEUE) private readonly queue: Queue,
    private readonly config: WebhookConfig,
  ) {}

  async enqueue(tenantId: string, deliveryIds: string[]): Promise<void> {
    for (const deliveryId of deliveryIds) {
      await this.queue.add(WEBHOOK_DELIVER_JOB, webhookJobSchema.parse({ tenantId, deliveryId }), {
        jobId: deliveryId,
        attempts: this.config.maxAttempts,
        backoff: { type: WEBHOOK_BACKOFF_STRATEGY, delay: this.config.backoffMs },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      });
    }
  }
}

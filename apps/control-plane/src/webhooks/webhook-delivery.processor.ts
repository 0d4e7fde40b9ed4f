import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job, type MinimalJob } from 'bullmq';
import { fullJitterDelay } from '@ade/contracts';
import { WebhookConfig } from '../config/webhook.config';
import { SecretBox, SecretDecryptionError } from '../secrets/secret-box';
import { WEBHOOK_BACKOFF_CAP_MS } from './webhook-backoff';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { postWebhook } from './webhook-sender';
import { signWebhookPayload, WEBHOOK_EVENT_ID_HEADER, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature';
import { WebhookEndpointsRepository } from './webhooks.repository';
import { WEBHOOKS_QUEUE, webhookJobSchema } from './webhooks.queue';

/** A failed attempt that will be retried, with the delay the delivery row already announces. */
export class WebhookAttemptError extends Error {
  override readonly name = 'WebhookAttemptError';

  constructor(
    message: string,
    readonly retryDelayMs: number,
  ) {
    super(message);
  }
}

/** BullMQ asks this for the wait before the next attempt: the one the processor chose and recorded. */
export function webhookBackoff(attemptsMade: number, _type?: string, error?: Error, job?: MinimalJob): number {
  if (error instanceof WebhookAttemptError) return error.retryDelayMs;
  const base = typeof job?.opts.backoff === 'object' ? (job.opts.backoff.delay ?? 1000) : 1000;
  return fullJitterDelay(attemptsMade, base, WEBHOOK_BACKOFF_CAP_MS);
}

/**
 * POSTs one alert to the tenant's endpoint per attempt, signed with the endpoint's secret, and
 * records every attempt on the delivery row. The endpoint is read at each attempt, so a changed
 * URL or rotated secret applies to pending deliveries; a removed endpoint fails them.
 */
@Processor(WEBHOOKS_QUEUE, { concurrency: 4, settings: { backoffStrategy: webhookBackoff } })
export class WebhookDeliveryProcessor extends WorkerHost {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly config: WebhookConfig,
    private readonly box: SecretBox,
  ) {
    super();
  }

  /** The plaintext secret, decrypted for this one signature and never kept or logged; else why not. */
  private signingSecret(ciphertext: string | null): { secret: string } | { problem: string } {
    if (!ciphertext) return { problem: 'the webhook has no signing secret since secrets are encrypted at rest; rotate it (POST /v1/webhook/rotate-secret)' };
    try {
      return { secret: this.box.decrypt(ciphertext) };
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error;
      this.logger.error({ msg: 'webhook signing secret cannot be decrypted', reason: error.message });
      return { problem: 'the signing secret cannot be decrypted with the configured keys; see the control-plane log' };
    }
  }

  async process(job: Job): Promise<string> {
    const parsed = webhookJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('malformed webhook job');
    const { tenantId, deliveryId } = parsed.data;
    const delivery = await this.deliveries.findById(tenantId, deliveryId);
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    const endpoint = await this.endpoints.forTenant(tenantId);
    if (!endpoint) {
      await this.deliveries.recordAttempt(tenantId, deliveryId, { kind: 'failed', statusCode: null, error: 'no webhook endpoint is configured' });
      return 'failed';
    }

    const signing = this.signingSecret(endpoint.secretCiphertext);
    if ('problem' in signing) {
      await this.deliveries.recordAttempt(tenantId, deliveryId, { kind: 'failed', statusCode: null, error: signing.problem });
      return 'failed';
    }

    const alert = delivery.payload;
    const body = JSON.stringify({ id: alert.id, type: 'alert', createdAt: alert.createdAt, tenantId, alert });
    const timestamp = Math.floor(Date.now() / 1000);
    const result = await postWebhook({
      url: endpoint.url,
      body,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'ade-webhooks/1',
        [WEBHOOK_EVENT_ID_HEADER]: alert.id,
        [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(signing.secret, timestamp, body),
      },
      timeoutMs: this.config.timeoutMs,
      allowPrivateTargets: this.config.allowPrivateTargets,
    });

    if (result.ok) {
      await this.deliveries.recordAttempt(tenantId, deliveryId, { kind: 'delivered', statusCode: result.statusCode });
      return 'delivered';
    }
    const attempt = job.attemptsMade + 1;
    if (!result.retryable || attempt >= (job.opts.attempts ?? 1)) {
      await this.deliveries.recordAttempt(tenantId, deliveryId, { kind: 'failed', statusCode: result.statusCode, error: result.error });
      this.logger.warn({ msg: 'webhook delivery failed for good', tenantId, deliveryId, attempts: attempt, error: result.error });
      throw new UnrecoverableError(result.error);
    }
    const delayMs = fullJitterDelay(attempt, this.config.backoffMs, WEBHOOK_BACKOFF_CAP_MS);
    await this.deliveries.recordAttempt(tenantId, deliveryId, {
      kind: 'retry',
      statusCode: result.statusCode,
      error: result.error,
      nextAttemptAt: new Date(Date.now() + delayMs),
    });
    throw new WebhookAttemptError(result.error, delayMs);
  }

  /** A job that ended without recording it (an unexpected error on its last attempt) still ends its delivery. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || error instanceof UnrecoverableError || error instanceof WebhookAttemptError) return;
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const parsed = webhookJobSchema.safeParse(job.data);
    if (!parsed.success) return;
    this.logger.error({ msg: 'webhook delivery job failed', deliveryId: parsed.data.deliveryId, error: error.message });
    await this.deliveries
      .giveUp(parsed.data.tenantId, parsed.data.deliveryId, 'delivery stopped after an internal error; see the control-plane log')
      .catch(() => undefined);
  }
}

import { z } from 'zod';

/** The control plane's own queue of webhook deliveries (under QUEUE_PREFIX like every queue). */
export const WEBHOOKS_QUEUE = 'webhooks';
export const WEBHOOK_DELIVER_JOB = 'webhook.deliver';
/** Backoff type of delivery jobs, computed by the delivery processor (full jitter). */
export const WEBHOOK_BACKOFF_STRATEGY = 'webhookFullJitter';

/** A delivery job names its row; the row holds the payload, the endpoint is read at each attempt. */
export const webhookJobSchema = z.object({ tenantId: z.uuid(), deliveryId: z.uuid() }).strict();
export type WebhookJob = z.infer<typeof webhookJobSchema>;

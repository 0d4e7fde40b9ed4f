import { z } from 'zod';
import { envBool, envInt } from '@ade/config';

/** Environment variables of webhook delivery; merged into the control plane's schema. */
export const webhookEnvSchema = z.object({
  WEBHOOK_MAX_ATTEMPTS: envInt(1, 20).default(6),
  WEBHOOK_BACKOFF_MS: envInt(10, 600_000).default(1000),
  WEBHOOK_TIMEOUT_MS: envInt(100, 60_000).default(5000),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: envBool.default(false),
});

export class WebhookConfig {
  constructor(
    /** Attempts of one delivery before it is recorded as failed. */
    readonly maxAttempts: number,
    /** Base of the full-jitter backoff between attempts. */
    readonly backoffMs: number,
    /** How long one attempt may take, connection to last byte. */
    readonly timeoutMs: number,
    /** Lets endpoints on loopback, private and link-local addresses through (tests, trusted networks). */
    readonly allowPrivateTargets: boolean,
  ) {}

  static fromEnv(env: z.infer<typeof webhookEnvSchema>): WebhookConfig {
    return new WebhookConfig(env.WEBHOOK_MAX_ATTEMPTS, env.WEBHOOK_BACKOFF_MS, env.WEBHOOK_TIMEOUT_MS, env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
  }
}

import { describe, expect, it } from 'vitest';
import { webhookBackoff, WebhookAttemptError } from './webhook-delivery.processor';

describe('webhook backoff', () => {
  it('uses the delay the processor recorded for a failed attempt', () => {
    expect(webhookBackoff(2, 'webhookFullJitter', new WebhookAttemptError('HTTP 500', 1234))).toBe(1234);
    const delay = webhookBackoff(2, 'webhookFullJitter', new Error('database down'), { opts: { backoff: { type: 'webhookFullJitter', delay: 100 } } } as never);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(200);
  });
});

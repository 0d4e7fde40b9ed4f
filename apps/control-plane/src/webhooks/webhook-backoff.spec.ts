import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from './webhook-backoff';
import { webhookBackoff, WebhookAttemptError } from './webhook-delivery.processor';

describe('webhook backoff', () => {
  it('waits a random delay below min(cap, base × 2^(n−1))', () => {
    expect(fullJitterDelay(1, 1000, 60_000, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, 1000, 60_000, () => 0.5)).toBe(2000);
    expect(fullJitterDelay(20, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(fullJitterDelay(4, 1000, 60_000, () => 0)).toBe(0);
  });

  it('uses the delay the processor recorded for a failed attempt', () => {
    expect(webhookBackoff(2, 'webhookFullJitter', new WebhookAttemptError('HTTP 500', 1234))).toBe(1234);
    const delay = webhookBackoff(2, 'webhookFullJitter', new Error('database down'), { opts: { backoff: { type: 'webhookFullJitter', delay: 100 } } } as never);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(200);
  });
});

import type Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { QueueConfig } from '@ade/config';
import { RateLimitConfig } from '../config/rate-limit.config';
import { TenantRateLimiter } from './tenant-rate-limiter';
import type { TenantRateLimitsRepository } from './tenant-rate-limits.repository';

const TENANT = '11111111-1111-4111-8111-111111111111';

function limiter(redis: Partial<Redis>, override: number | null = null) {
  const reads: string[] = [];
  const limits = { overrideFor: async (tenantId: string) => (reads.push(tenantId), override) } as unknown as TenantRateLimitsRepository;
  const queue = { prefix: 'ade-test' } as QueueConfig;
  return { limiter: new TenantRateLimiter(redis as Redis, queue, new RateLimitConfig(10, 60), limits), reads };
}

describe('TenantRateLimiter', () => {
  it('counts under <prefix>:rate:<tenant> and applies the tenant override', async () => {
    const calls: unknown[][] = [];
    const redis = { eval: async (...args: unknown[]) => (calls.push(args), [3, 30_000]) } as unknown as Partial<Redis>;
    const { limiter: subject } = limiter(redis, 4);
    expect(await subject.consume(TENANT)).toEqual({ allowed: true, limit: 4, remaining: 1, resetSeconds: 30 });
    expect(calls[0]!.slice(1)).toEqual([1, `ade-test:rate:${TENANT}`, 60_000]);
  });

  it('fails open when Redis is unavailable', async () => {
    const redis = { eval: async () => Promise.reject(new Error('connect ECONNREFUSED')) } as unknown as Partial<Redis>;
    const { limiter: subject } = limiter(redis);
    await expect(subject.consume(TENANT)).resolves.toBeNull();
  });

  it('reads the override once per cache period, and again after forget()', async () => {
    const redis = { eval: async () => [1, 60_000] } as unknown as Partial<Redis>;
    const { limiter: subject, reads } = limiter(redis);
    await subject.consume(TENANT);
    await subject.consume(TENANT);
    expect(reads).toHaveLength(1);
    subject.forget(TENANT);
    await subject.consume(TENANT);
    expect(reads).toHaveLength(2);
  });
});

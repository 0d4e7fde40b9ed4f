import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dropQueuePrefix, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import type { TenantRateLimiter } from '../src/rate-limits/tenant-rate-limiter';
import { TenantRateLimitsRepository } from '../src/rate-limits/tenant-rate-limits.repository';
import { migratedDatabase, tenantWithUser, type MigratedDatabase } from './migrated-database';
import { recordNestLogs } from './recording-logger';
import { RATE_WINDOW_SECONDS as WINDOW_SECONDS, tenantRateLimiter } from './tenant-rate-limiter.fixture';

const DEFAULT_LIMIT = 10;
const OVERRIDE_CACHE_MS = 30_000;

describe('TenantRateLimiter (real Redis and PostgreSQL)', () => {
  const prefix = uniqueQueuePrefix('rate-limiter');
  const logs = recordNestLogs();
  let db: MigratedDatabase;
  let redis: Redis;
  let limits: TenantRateLimitsRepository;
  let limiter: TenantRateLimiter;

  const newTenant = async () => (await tenantWithUser(db.dataSource)).tenantId;
  const limiterOn = (client: Redis) => tenantRateLimiter(client, prefix, db, DEFAULT_LIMIT);

  beforeAll(async () => {
    db = await migratedDatabase('rate-limiter');
    redis = new Redis(testRedisUrl);
    limits = new TenantRateLimitsRepository(db.scope);
    limiter = limiterOn(redis);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    redis.disconnect();
    await dropQueuePrefix(prefix);
    await db?.drop();
  });

  it('counts each tenant under <prefix>:rate:<tenant> in a window that starts with its first request', async () => {
    const tenant = await newTenant();
    const other = await newTenant();
    expect(await limiter.consume(tenant)).toEqual({ allowed: true, limit: DEFAULT_LIMIT, remaining: DEFAULT_LIMIT - 1, resetSeconds: WINDOW_SECONDS });
    expect(await limiter.consume(tenant)).toMatchObject({ remaining: DEFAULT_LIMIT - 2 });
    expect(await limiter.consume(other)).toMatchObject({ remaining: DEFAULT_LIMIT - 1 });
    expect(await redis.get(`${prefix}:rate:${tenant}`)).toBe('2');
    const ttl = await redis.pttl(`${prefix}:rate:${tenant}`);
    expect(ttl).toBeGreaterThan((WINDOW_SECONDS - 5) * 1000);
    expect(ttl).toBeLessThanOrEqual(WINDOW_SECONDS * 1000);
  });

  it("applies the tenant's own limit and refuses past it", async () => {
    const tenant = await newTenant();
    await limits.setOverride(tenant, 2);
    expect(await limiter.consume(tenant)).toMatchObject({ allowed: true, limit: 2, remaining: 1 });
    expect(await limiter.consume(tenant)).toMatchObject({ allowed: true, limit: 2, remaining: 0 });
    expect(await limiter.consume(tenant)).toMatchObject({ allowed: false, limit: 2, remaining: 0 });
  });

  it('reads a changed override only after its cache period, or at once after forget()', async () => {
    const tenant = await newTenant();
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    await limits.setOverride(tenant, 5);
    expect(await limiter.consume(tenant)).toMatchObject({ limit: 5 });
    await limits.setOverride(tenant, 6);
    vi.setSystemTime(start + OVERRIDE_CACHE_MS - 1);
    expect(await limiter.consume(tenant)).toMatchObject({ limit: 5 });
    vi.setSystemTime(start + OVERRIDE_CACHE_MS);
    expect(await limiter.consume(tenant)).toMatchObject({ limit: 6 });
    await limits.setOverride(tenant, 7);
    limiter.forget(tenant);
    expect(await limiter.consume(tenant)).toMatchObject({ limit: 7 });
  });

  it('counts a session request like any other unless the session was revoked, and then not at all', async () => {
    const tenant = await newTenant();
    const revoked = `${prefix}:revoked-session:${randomUUID()}`;
    expect(await limiter.consumeUnlessRevoked(tenant, `${prefix}:revoked-session:${randomUUID()}`)).toEqual({
      allowed: true,
      limit: DEFAULT_LIMIT,
      remaining: DEFAULT_LIMIT - 1,
      resetSeconds: WINDOW_SECONDS,
    });
    await redis.set(revoked, '1');
    expect(await limiter.consumeUnlessRevoked(tenant, revoked)).toBe('revoked');
    expect(await limiter.consume(tenant)).toMatchObject({ remaining: DEFAULT_LIMIT - 2 });
    expect(await redis.get(`${prefix}:rate:${tenant}`)).toBe('2');
  });

  it('does not fail open for a session request: a Redis error reaches the session check, which fails closed', async () => {
    const tenant = await newTenant();
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    try {
      await expect(limiterOn(unreachable).consumeUnlessRevoked(tenant, `${prefix}:revoked-session:${randomUUID()}`)).rejects.toThrow();
    } finally {
      unreachable.disconnect();
    }
  });

  it('fails open when Redis cannot be reached, warning at most once every 10 s', async () => {
    const tenant = await newTenant();
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    const offline = limiterOn(unreachable);
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const warnings = () => logs.entries.filter((entry) => entry.level === 'warn');
    try {
      await expect(offline.consume(tenant)).resolves.toBeNull();
      await expect(offline.consume(tenant)).resolves.toBeNull();
      vi.setSystemTime(start + 9_999);
      await expect(offline.consume(tenant)).resolves.toBeNull();
      expect(warnings()).toHaveLength(1);
      vi.setSystemTime(start + 10_000);
      await expect(offline.consume(tenant)).resolves.toBeNull();
      vi.setSystemTime(start + 19_999);
      await expect(offline.consume(tenant)).resolves.toBeNull();
      expect(warnings().map(({ context, message, at }) => ({ context, msg: (message as { msg: string }).msg, error: typeof (message as { error: unknown }).error, after: at - start }))).toEqual([
        { context: 'RateLimit', msg: 'rate limit not enforced: redis unavailable', error: 'string', after: 0 },
        { context: 'RateLimit', msg: 'rate limit not enforced: redis unavailable', error: 'string', after: 10_000 },
      ]);
    } finally {
      unreachable.disconnect();
    }
  });
});

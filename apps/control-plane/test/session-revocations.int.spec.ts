import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QueueConfig, Secret } from '@ade/config';
import { dropQueuePrefix, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { SessionRevocations } from '../src/auth/session-revocations';
import { UnavailableError } from '../src/common/app-error';
import { AuthConfig } from '../src/config/control-plane.config';
import { migratedDatabase, tenantWithUser, type MigratedDatabase } from './migrated-database';
import { RATE_WINDOW_SECONDS, tenantRateLimiter } from './tenant-rate-limiter.fixture';

const ACCESS_TOKEN_TTL_SECONDS = 900;

describe('SessionRevocations (real Redis and PostgreSQL)', () => {
  const prefix = uniqueQueuePrefix('revocations');
  const auth = new AuthConfig(new Secret('x'.repeat(32)), 'ade', 'ade-api', ACCESS_TOKEN_TTL_SECONDS, 10, null);
  const LIMIT = 5;
  let db: MigratedDatabase;
  let redis: Redis;
  let revocations: SessionRevocations;
  const revocationsOn = (client: Redis) => new SessionRevocations(client, new QueueConfig(testRedisUrl, prefix), auth, tenantRateLimiter(client, prefix, db, LIMIT));

  beforeAll(async () => {
    db = await migratedDatabase('revocations');
    redis = new Redis(testRedisUrl);
    revocations = revocationsOn(redis);
  });
  afterAll(async () => {
    redis.disconnect();
    await dropQueuePrefix(prefix);
    await db?.drop();
  });

  it('revokes exactly the session it is given', async () => {
    const revoked = randomUUID();
    const other = randomUUID();
    expect(await revocations.isRevoked(revoked)).toBe(false);
    await revocations.revoke(revoked);
    expect(await revocations.isRevoked(revoked)).toBe(true);
    expect(await revocations.isRevoked(other)).toBe(false);
  });

  it('keeps a revocation under the prefix for one access-token lifetime, after which every token of the session has expired', async () => {
    const sessionId = randomUUID();
    await revocations.revoke(sessionId);
    const key = `${prefix}:revoked-session:${sessionId}`;
    expect(await redis.get(key)).toBe('1');
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(ACCESS_TOKEN_TTL_SECONDS - 5);
    expect(ttl).toBeLessThanOrEqual(ACCESS_TOKEN_TTL_SECONDS);
  });

  it("admits a live tenant session and counts its request against the tenant's limit, in one Redis command", async () => {
    const { tenantId } = await tenantWithUser(db.dataSource);
    const commands = vi.spyOn(redis, 'sendCommand');
    try {
      expect(await revocations.admit(randomUUID(), tenantId)).toEqual({ allowed: true, limit: LIMIT, remaining: LIMIT - 1, resetSeconds: RATE_WINDOW_SECONDS });
      expect(commands).toHaveBeenCalledTimes(1);
    } finally {
      commands.mockRestore();
    }
    expect(await revocations.admit(randomUUID(), tenantId)).toMatchObject({ allowed: true, remaining: LIMIT - 2 });
    expect(await redis.get(`${prefix}:rate:${tenantId}`)).toBe('2');
  });

  it('refuses a revoked session without counting its request', async () => {
    const { tenantId } = await tenantWithUser(db.dataSource);
    const ended = randomUUID();
    await revocations.revoke(ended);
    expect(await revocations.admit(ended, tenantId)).toBe('revoked');
    expect(await redis.get(`${prefix}:rate:${tenantId}`)).toBeNull();
  });

  it('fails closed with 503 when Redis cannot be reached', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    const offline = revocationsOn(unreachable);
    const { tenantId } = await tenantWithUser(db.dataSource);
    try {
      for (const call of [() => offline.isRevoked(randomUUID()), () => offline.revoke(randomUUID()), () => offline.admit(randomUUID(), tenantId)]) {
        const error = await call().then(() => null, (e: unknown) => e);
        expect(error).toBeInstanceOf(UnavailableError);
        expect((error as Error).message).toBe('authentication is temporarily unavailable');
      }
    } finally {
      unreachable.disconnect();
    }
  });
});

import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueConfig, Secret } from '@ade/config';
import { dropQueuePrefix, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { SessionRevocations } from '../src/auth/session-revocations';
import { UnavailableError } from '../src/common/app-error';
import { AuthConfig } from '../src/config/control-plane.config';

const ACCESS_TOKEN_TTL_SECONDS = 900;

describe('SessionRevocations (real Redis)', () => {
  const prefix = uniqueQueuePrefix('revocations');
  const auth = new AuthConfig(new Secret('x'.repeat(32)), 'ade', 'ade-api', ACCESS_TOKEN_TTL_SECONDS, 10, null);
  let redis: Redis;
  let revocations: SessionRevocations;

  beforeAll(() => {
    redis = new Redis(testRedisUrl);
    revocations = new SessionRevocations(redis, new QueueConfig(testRedisUrl, prefix), auth);
  });
  afterAll(async () => {
    redis.disconnect();
    await dropQueuePrefix(prefix);
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

  it('fails closed with 503 when Redis cannot be reached', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    const offline = new SessionRevocations(unreachable, new QueueConfig(testRedisUrl, prefix), auth);
    try {
      for (const call of [() => offline.isRevoked(randomUUID()), () => offline.revoke(randomUUID())]) {
        const error = await call().then(() => null, (e: unknown) => e);
        expect(error).toBeInstanceOf(UnavailableError);
        expect((error as Error).message).toBe('authentication is temporarily unavailable');
      }
    } finally {
      unreachable.disconnect();
    }
  });
});

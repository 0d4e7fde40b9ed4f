import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, assertNoEvictionPolicy, RedisPolicyError } from '@ade/queue';
import { makeTempDir, startPrivateRedis, uniqueQueuePrefix } from '@ade/testing';
import { startWorker } from '../../data-plane-worker/test/worker.harness';
import { startControlPlane } from './control-plane.harness';

describe('Redis eviction policy check', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;

  beforeAll(async () => {
    redis = await startPrivateRedis(['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']);
  });
  afterAll(() => redis?.stop());

  it('rejects an evicting policy with a message saying what to change', async () => {
    const client = createRedis(redis.url, 'producer');
    try {
      await expect(assertNoEvictionPolicy(client)).rejects.toThrowError(
        new RedisPolicyError(
          "Redis maxmemory-policy is 'allkeys-lru', but BullMQ needs 'noeviction' or queued jobs can be evicted. " +
            "Set it with `redis-cli CONFIG SET maxmemory-policy noeviction` or 'maxmemory-policy noeviction' in redis.conf.",
        ),
      );
    } finally {
      client.disconnect();
    }
  });

  it('keeps the data-plane worker from starting', async () => {
    const dataDir = await makeTempDir('policy');
    try {
      await expect(startWorker({ queuePrefix: uniqueQueuePrefix('policy'), dataDir: dataDir.path, env: { REDIS_URL: redis.url } })).rejects.toThrowError(
        RedisPolicyError,
      );
    } finally {
      await dataDir.cleanup();
    }
  });

  it('keeps the control plane from starting', async () => {
    await expect(startControlPlane({ label: 'policy', env: { REDIS_URL: redis.url } })).rejects.toThrowError(RedisPolicyError);
  });
});

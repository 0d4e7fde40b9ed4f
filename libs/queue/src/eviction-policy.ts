import type Redis from 'ioredis';
import { redisReady } from './redis-connection';

export class RedisPolicyError extends Error {
  override readonly name = 'RedisPolicyError';
}

/**
 * BullMQ keeps jobs as ordinary keys: under any evicting policy Redis may silently drop queued
 * jobs when memory fills up. Both planes call this at boot and refuse to start otherwise.
 * INFO is used rather than CONFIG GET because managed Redis services often disable CONFIG.
 * It is the first command at boot, so it waits for the connection first (see redisReady).
 */
export async function assertNoEvictionPolicy(redis: Redis): Promise<void> {
  await redisReady(redis);
  const info = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
  if (policy === undefined) {
    throw new RedisPolicyError('Could not read maxmemory_policy from Redis INFO; BullMQ needs noeviction.');
  }
  if (policy !== 'noeviction') {
    throw new RedisPolicyError(
      `Redis maxmemory-policy is '${policy}', but BullMQ needs 'noeviction' or queued jobs can be evicted. ` +
        "Set it with `redis-cli CONFIG SET maxmemory-policy noeviction` or 'maxmemory-policy noeviction' in redis.conf.",
    );
  }
}

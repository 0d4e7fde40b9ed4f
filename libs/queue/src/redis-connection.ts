import Redis, { type RedisOptions } from 'ioredis';

/**
 * ioredis options from a redis:// URL. BullMQ needs `maxRetriesPerRequest: null` on connections
 * that block (workers); producers keep a bound so a dead Redis fails a request instead of hanging.
 */
export function redisOptionsFromUrl(url: string, role: 'producer' | 'worker'): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: role === 'worker' ? null : 3,
  };
}

export function createRedis(url: string, role: 'producer' | 'worker'): Redis {
  return new Redis(redisOptionsFromUrl(url, role));
}

/** Deletes every key under a prefix (a queue prefix, a sandbox), in batches that never block Redis. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

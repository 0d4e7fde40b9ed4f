import Redis, { type RedisOptions } from 'ioredis';

/**
 * How long a producer command may wait for its reply. A Redis that accepts connections but does
 * not answer (hung, frozen, cut off mid-connection) would otherwise hold every request that
 * needs it for as long as TCP takes to notice, minutes.
 */
export const PRODUCER_COMMAND_TIMEOUT_MS = 2000;

/**
 * ioredis options from a redis:// URL. BullMQ needs `maxRetriesPerRequest: null` on connections
 * that block (workers). Producers are on request paths and fail fast instead: no offline queue
 * (without a connection a command fails at once rather than waiting through reconnect attempts,
 * seconds per request during an outage), a bound on retries of commands cut off in flight, and
 * PRODUCER_COMMAND_TIMEOUT_MS for an answer. Wait for `redisReady` before the first command.
 */
export function redisOptionsFromUrl(url: string, role: 'producer' | 'worker'): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  const connection: RedisOptions = {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
  if (role === 'worker') return { ...connection, maxRetriesPerRequest: null };
  return { ...connection, maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS };
}

export function createRedis(url: string, role: 'producer' | 'worker'): Redis {
  return new Redis(redisOptionsFromUrl(url, role));
}

/**
 * Resolves once the client can take commands (a producer queues none while it connects); rejects
 * after `timeoutMs`, naming the last connection error.
 */
export async function redisReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  if (redis.status === 'wait') void redis.connect().catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    let lastError = 'no answer';
    const onError = (error: Error): void => {
      lastError = error.message;
    };
    const onReady = (): void => settle();
    const onEnd = (): void => settle(new Error(`Redis connection closed before it was ready (${lastError})`));
    const timer = setTimeout(() => settle(new Error(`Redis was not ready within ${timeoutMs} ms (${lastError})`)), timeoutMs);
    function settle(error?: Error): void {
      clearTimeout(timer);
      redis.off('ready', onReady).off('error', onError).off('end', onEnd);
      if (error) reject(error);
      else resolve();
    }
    redis.on('ready', onReady).on('error', onError).on('end', onEnd);
  });
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

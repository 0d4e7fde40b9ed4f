import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { deleteKeysWithPrefix } from '@ade/queue';
import { testRedisUrl } from './environment';

/** A BullMQ key prefix of its own for one test suite; no two suites ever share a queue. */
export function uniqueQueuePrefix(label: string): string {
  return `test-${label.replace(/[^a-zA-Z0-9_-]/g, '-')}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under the prefix once the suite is done. */
export async function dropQueuePrefix(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl);
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startPrivateRedis } from './private-redis';

describe('startPrivateRedis', () => {
  it('stops and restarts on the same port, keeping data when given a persistence directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ade-private-redis-'));
    const redis = await startPrivateRedis(['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always']);
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    client.on('error', () => undefined);
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      await client.set('kept', 'yes');

      await redis.stop();
      await expect(client.get('kept')).rejects.toThrow();
      await redis.stop(); // already stopped: nothing to do
      await expect(redis.restart()).resolves.toBeUndefined();
      await expect(redis.restart()).rejects.toThrow('still running');

      expect(await client.get('kept')).toBe('yes');
    } finally {
      client.disconnect();
      await redis.stop('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});

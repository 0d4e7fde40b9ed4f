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

  it('pauses without closing connections: commands get no answer until it resumes', async () => {
    const redis = await startPrivateRedis([]);
    const client = new Redis(redis.url, { commandTimeout: 300 });
    client.on('error', () => undefined);
    try {
      await client.set('k', 'v');
      redis.pause();
      await expect(client.get('k')).rejects.toThrow('Command timed out');
      expect(client.status).toBe('ready');
      redis.resume();
      expect(await client.get('k')).toBe('v');
      redis.pause();
    } finally {
      client.disconnect();
      await redis.stop(); // a paused server stops too
    }
  });
});

import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startPrivateRedis } from '@ade/testing';
import { createRedis, PRODUCER_COMMAND_TIMEOUT_MS, redisReady } from './redis-connection';

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('producer connections', () => {
  it('wait for readiness once, then fail at once while Redis is gone and after the command timeout while it hangs', async () => {
    const redis = await startPrivateRedis([]);
    const client = createRedis(redis.url, 'producer');
    client.on('error', () => undefined);
    try {
      await redisReady(client);
      expect(await client.ping()).toBe('PONG');

      redis.pause();
      let start = Date.now();
      await expect(client.ping()).rejects.toThrow('Command timed out');
      expect(Date.now() - start).toBeGreaterThanOrEqual(PRODUCER_COMMAND_TIMEOUT_MS - 100);
      redis.resume();

      await redis.stop();
      start = Date.now();
      await expect(client.ping()).rejects.toThrow();
      // Refused at once, not after waiting for the command timeout or a reconnect.
      expect(Date.now() - start).toBeLessThan(PRODUCER_COMMAND_TIMEOUT_MS);

      await redis.restart();
      await redisReady(client);
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });

  it('redisReady gives up after its timeout, naming the connection error', async () => {
    const client = createRedis(`redis://127.0.0.1:${await closedPort()}`, 'producer');
    client.on('error', () => undefined);
    try {
      await expect(redisReady(client, 500)).rejects.toThrow(/not ready within 500 ms \(connect ECONNREFUSED/);
    } finally {
      client.disconnect();
    }
  });
});

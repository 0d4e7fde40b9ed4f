import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import { testDatabaseUrl } from './environment';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/** An echo server: what is sent comes back. */
async function startEcho(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as { port: number }).port };
}

/** Connects, sends `text` and resolves with what came back, or with how the connection failed. */
function exchange(port: number, text: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => (socket.destroy(), resolve(`timeout after ${received.length} bytes`)), timeoutMs);
    socket.on('connect', () => socket.write(text));
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.length >= text.length) {
        clearTimeout(timer);
        socket.end();
        resolve(received);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (clearTimeout(timer), resolve(error.code ?? error.message)));
    socket.on('close', () => (clearTimeout(timer), resolve(received || 'closed')));
  });
}

describe('startTcpProxy', () => {
  let echo: { server: Server; port: number };
  let proxy: TcpProxy;

  beforeAll(async () => {
    echo = await startEcho();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: echo.port });
  });
  afterAll(async () => {
    await proxy?.close();
    await new Promise((resolve) => echo?.server.close(resolve));
  });

  it('relays both ways, then resets live and new connections while cut, and relays again once restored', async () => {
    expect(await exchange(proxy.port, 'hello')).toBe('hello');

    const live = connect(proxy.port, '127.0.0.1');
    const liveEnded = new Promise<string>((resolve) => {
      live.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      live.on('close', () => resolve('closed'));
    });
    await new Promise((resolve) => live.on('connect', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(proxy.liveConnections).toBe(1);

    await proxy.cut();
    expect(await liveEnded).toBe('ECONNRESET');
    expect(proxy.liveConnections).toBe(0);
    expect(await exchange(proxy.port, 'anyone there?')).toBe('ECONNRESET');

    proxy.restore();
    expect(await exchange(proxy.port, 'back')).toBe('back');
  });

  it('holds new connections without an answer in blackhole mode', async () => {
    await proxy.cut('blackhole');
    expect(await exchange(proxy.port, 'ping', 300)).toBe('timeout after 0 bytes');
    proxy.restore();
    expect(await exchange(proxy.port, 'pong')).toBe('pong');
  });

  it('cuts a real PostgreSQL session and lets a new one through after restore', async () => {
    const pgProxy = await startTcpProxy({ host: new URL(testDatabaseUrl).hostname, port: Number(new URL(testDatabaseUrl).port || 5432) });
    try {
      const client = new Client({ connectionString: pgProxy.urlFor(testDatabaseUrl) });
      const clientError = new Promise<Error>((resolve) => client.on('error', resolve));
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

      await pgProxy.cut();
      await expect(client.query('SELECT 1')).rejects.toThrow();
      expect((await clientError).message).toMatch(/ECONNRESET|terminated/);
      const refused = new Client({ connectionString: pgProxy.urlFor(testDatabaseUrl), connectionTimeoutMillis: 2000 });
      await expect(refused.connect()).rejects.toThrow();

      pgProxy.restore();
      const again = new Client({ connectionString: pgProxy.urlFor(testDatabaseUrl) });
      await again.connect();
      try {
        expect((await again.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
      } finally {
        await again.end();
      }
    } finally {
      await pgProxy.close();
    }
  });

  it('rewrites a URL to point at the proxy, keeping user, database and parameters', () => {
    expect(proxy.urlFor('postgres://ade_app@127.0.0.1:5432/postgres?sslmode=disable')).toBe(
      `postgres://ade_app@127.0.0.1:${proxy.port}/postgres?sslmode=disable`,
    );
  });
});

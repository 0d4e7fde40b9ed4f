import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook, type WebhookRequest } from './webhook-sender';

describe('postWebhook', () => {
  let server: Server;
  let base: string;
  const received: Array<{ headers: Record<string, unknown>; body: string }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
        if (request.url === '/slow') return void setTimeout(() => response.end('late'), 1000);
        if (request.url === '/redirect') return void response.writeHead(302, { location: '/ok' }).end();
        response.writeHead(request.url === '/error' ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (url: string, overrides: Partial<WebhookRequest> = {}) =>
    postWebhook({ url, body: '{"a":1}', headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' }, timeoutMs: 2000, allowPrivateTargets: true, ...overrides });

  it('POSTs the body and headers and succeeds on 2xx', async () => {
    expect(await send(`http://${base}/ok`)).toEqual({ ok: true, statusCode: 204 });
    expect(received.at(-1)).toMatchObject({ body: '{"a":1}', headers: { 'content-type': 'application/json', 'x-test': 'yes', 'content-length': '7' } });
  });

  it('reports non-2xx (redirects are not followed), timeouts and refused connections as retryable', async () => {
    expect(await send(`http://${base}/error`)).toEqual({ ok: false, statusCode: 500, error: 'HTTP 500', retryable: true });
    expect(await send(`http://${base}/redirect`)).toEqual({ ok: false, statusCode: 302, error: 'HTTP 302', retryable: true });
    expect(await send(`http://${base}/slow`, { timeoutMs: 200 })).toEqual({ ok: false, statusCode: null, error: 'timed out after 200 ms', retryable: true });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await send(`http://127.0.0.1:${port}/`)).toEqual({ ok: false, statusCode: null, error: 'network error (ECONNREFUSED)', retryable: true });
  });

  it('refuses loopback targets, by literal or by name, unless private targets are allowed', async () => {
    const count = received.length;
    const blocked = { ok: false, statusCode: null, error: 'target address is blocked (loopback, private or reserved)', retryable: false };
    expect(await send(`http://${base}/ok`, { allowPrivateTargets: false })).toEqual(blocked);
    expect(await send(`http://localhost:${base.split(':')[1]}/ok`, { allowPrivateTargets: false })).toEqual(blocked);
    expect(received.length).toBe(count);
    expect(await send(`http://localhost:${base.split(':')[1]}/ok`)).toEqual({ ok: true, statusCode: 204 });
  });
});

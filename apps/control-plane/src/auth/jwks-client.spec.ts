import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchJwksDocument, JwksClient, parseJwks } from './jwks-client';

const rsa = (modulusLength = 2048) => generateKeyPairSync('rsa', { modulusLength }).publicKey.export({ format: 'jwk' });
const key2048 = rsa();
const otherKey = rsa();

describe('parseJwks', () => {
  it('keeps RSA signing keys with a kid, and skips everything else', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const keys = parseJwks({
      keys: [
        { ...key2048, kid: 'ok', use: 'sig', alg: 'RS256' },
        { ...otherKey, kid: 'no-use-no-alg' },
        { ...key2048, kid: 'enc', use: 'enc' },
        { ...key2048, kid: 'ps', alg: 'PS256' },
        { ...key2048 },
        { ...ec, kid: 'ec' },
        { kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' },
        { ...rsa(1024), kid: 'short' },
        { kty: 'RSA', kid: 'broken', n: '!!', e: 'AQAB' },
        'junk',
        null,
      ],
    });
    expect([...keys.keys()]).toEqual(['ok', 'no-use-no-alg']);
    expect(keys.get('ok')!.type).toBe('public');
  });

  it('refuses a document without a keys array', () => {
    expect(() => parseJwks({})).toThrow(/keys/);
    expect(() => parseJwks('nope')).toThrow(/keys/);
  });
});

describe('JwksClient', () => {
  function client(documents: unknown[]) {
    let now = 0;
    const fetched: string[] = [];
    const jwks = new JwksClient({
      now: () => now,
      fetcher: async (uri) => {
        fetched.push(uri);
        return documents[Math.min(fetched.length - 1, documents.length - 1)];
      },
    });
    return { jwks, fetched, advance: (ms: number) => (now += ms) };
  }

  it('caches a key set for 10 minutes', async () => {
    const { jwks, fetched, advance } = client([{ keys: [{ ...key2048, kid: 'k1' }] }]);
    expect(await jwks.getKey('https://idp/jwks', 'k1')).not.toBeNull();
    advance(9 * 60_000);
    expect(await jwks.getKey('https://idp/jwks', 'k1')).not.toBeNull();
    expect(fetched).toHaveLength(1);
    advance(60_000);
    await jwks.getKey('https://idp/jwks', 'k1');
    expect(fetched).toHaveLength(2);
  });

  it('refetches once on an unknown kid, at most once a second', async () => {
    const { jwks, fetched, advance } = client([{ keys: [{ ...key2048, kid: 'k1' }] }, { keys: [{ ...key2048, kid: 'k1' }, { ...otherKey, kid: 'k2' }] }]);
    await jwks.getKey('https://idp/jwks', 'k1');
    expect(await jwks.getKey('https://idp/jwks', 'k2')).toBeNull(); // too soon after the last fetch
    expect(fetched).toHaveLength(1);
    advance(1_000);
    expect(await jwks.getKey('https://idp/jwks', 'k2')).not.toBeNull();
    expect(fetched).toHaveLength(2);
    expect(await jwks.getKey('https://idp/jwks', 'nope')).toBeNull();
    expect(fetched).toHaveLength(2);
  });

  it('shares one fetch between concurrent requests and keeps URLs apart', async () => {
    const { jwks, fetched } = client([{ keys: [{ ...key2048, kid: 'k1' }] }]);
    await Promise.all([jwks.getKey('https://a/jwks', 'k1'), jwks.getKey('https://a/jwks', 'k1'), jwks.getKey('https://b/jwks', 'k1')]);
    expect(fetched.sort()).toEqual(['https://a/jwks', 'https://b/jwks']);
  });
});

describe('fetchJwksDocument', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  }

  it('reads a JSON document', async () => {
    const url = await serve((_req, res) => res.end(JSON.stringify({ keys: [] })));
    expect(await fetchJwksDocument(url)).toEqual({ keys: [] });
  });

  it('refuses error statuses, redirects, oversized bodies and slow servers', async () => {
    const url = await serve((_req, res) => void res.writeHead(500).end());
    await expect(fetchJwksDocument(url)).rejects.toThrow(/500/);
    server!.removeAllListeners('request');
    server!.on('request', (req, res) => {
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/jwks' }).end();
      if (req.url === '/big') return void res.end('x'.repeat(2048));
      if (req.url === '/slow') return; // never answers
      res.end('{}');
    });
    const base = url.replace('/jwks', '');
    await expect(fetchJwksDocument(`${base}/redirect`)).rejects.toThrow();
    await expect(fetchJwksDocument(`${base}/big`, 5_000, 1024)).rejects.toThrow(/too large/);
    await expect(fetchJwksDocument(`${base}/slow`, 200)).rejects.toThrow();
    server!.closeAllConnections();
  });
});

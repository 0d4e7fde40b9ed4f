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
    for (const document of [{}, 'nope', null, undefined, 42, { keys: 'k1' }]) {
      expect(() => parseJwks(document)).toThrow(new Error('JWKS document has no keys array'));
    }
  });

  it('skips each kind of unusable entry on its own account', () => {
    // Each entry below is a usable RS256 key but for the one property that disqualifies it.
    const { d } = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const skipped = [
      { ...key2048, kty: 'EC', kid: 'claims-another-type' },
      { ...key2048, kid: '' },
      { ...key2048, kid: 7 },
      { ...key2048, kid: 'private', d },
      { ...key2048, kid: 'no-modulus', n: undefined },
      { ...key2048, kid: 'numeric-exponent', e: 65537 },
    ];
    for (const entry of skipped) expect(parseJwks({ keys: [entry] }).size, JSON.stringify({ ...entry, n: undefined })).toBe(0);
    expect(parseJwks({ keys: [...skipped, { ...key2048, kid: 'usable' }] }).size).toBe(1);
  });

  it('keeps the first of two keys that share a kid', () => {
    const keys = parseJwks({ keys: [{ ...key2048, kid: 'k1' }, { ...otherKey, kid: 'k1' }] });
    expect(keys.get('k1')!.export({ format: 'jwk' }).n).toBe(key2048.n);
  });
});

describe('JwksClient', () => {
  function client(documents: unknown[]) {
    // A clock far from zero, so that adding times instead of subtracting them shows.
    let now = 1_700_000_000_000;
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

  it('fetches a forgotten URL again at once, and only that URL', async () => {
    const { jwks, fetched } = client([{ keys: [{ ...key2048, kid: 'k1' }] }]);
    await jwks.getKey('https://a/jwks', 'k1');
    await jwks.getKey('https://b/jwks', 'k1');
    jwks.forget('https://a/jwks');
    await jwks.getKey('https://a/jwks', 'k1');
    await jwks.getKey('https://b/jwks', 'k1');
    expect(fetched).toEqual(['https://a/jwks', 'https://b/jwks', 'https://a/jwks']);
  });

  it('shares one fetch between concurrent requests and keeps URLs apart', async () => {
    const { jwks, fetched } = client([{ keys: [{ ...key2048, kid: 'k1' }] }]);
    await Promise.all([jwks.getKey('https://a/jwks', 'k1'), jwks.getKey('https://a/jwks', 'k1'), jwks.getKey('https://b/jwks', 'k1')]);
    expect(fetched.sort()).toEqual(['https://a/jwks', 'https://b/jwks']);
  });
});

/** The test servers listen on loopback, which only a platform that allows private JWKS hosts may reach. */
const LOCAL = { allowPrivate: true };

describe('fetchJwksDocument', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  }

  it('asks for JSON and reads the document', async () => {
    const accepted: (string | undefined)[] = [];
    const url = await serve((req, res) => {
      accepted.push(req.headers.accept);
      res.end(JSON.stringify({ keys: [] }));
    });
    expect(await fetchJwksDocument(url, LOCAL)).toEqual({ keys: [] });
    expect(accepted).toEqual(['application/json']);
  });

  it('reads a document of exactly the size limit, declared or streamed', async () => {
    const document = JSON.stringify({ keys: [], pad: 'x'.repeat(1024 - 20) });
    expect(document).toHaveLength(1024);
    const url = await serve((req, res) => {
      if (req.url === '/chunked') {
        res.write(document.slice(0, 500));
        return void res.end(document.slice(500));
      }
      res.end(document);
    });
    expect(await fetchJwksDocument(url, { ...LOCAL, timeoutMs: 5_000, maxBytes: 1024 })).toEqual(JSON.parse(document));
    expect(await fetchJwksDocument(url.replace('/jwks', '/chunked'), { ...LOCAL, timeoutMs: 5_000, maxBytes: 1024 })).toEqual(JSON.parse(document));
  });

  it('refuses a declared oversize body before reading it', async () => {
    // The server declares 2 KiB and then stalls: only the declared length can refuse it in time.
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '2048' });
      res.write('{');
    });
    await expect(fetchJwksDocument(url, { ...LOCAL, timeoutMs: 2_000, maxBytes: 1024 })).rejects.toThrow(new Error('JWKS document too large'));
    server!.closeAllConnections();
  });

  it('stops reading an undeclared (chunked) body once it passes the limit', async () => {
    let written = 0;
    const url = await serve((_req, res) => {
      // Endless chunks: the reader must give up on its own after the limit.
      const timer = setInterval(() => {
        written += 600;
        res.write('x'.repeat(600));
      }, 5);
      res.on('close', () => clearInterval(timer));
    });
    await expect(fetchJwksDocument(url, { ...LOCAL, timeoutMs: 5_000, maxBytes: 1024 })).rejects.toThrow(new Error('JWKS document too large'));
    expect(written).toBeLessThan(600 * 20);
    server!.closeAllConnections();
  });

  it('never connects to a loopback, private, link-local or reserved host, by address or by name, unless allowed', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests += 1;
      res.end(JSON.stringify({ keys: [] }));
    });
    const port = new URL(url).port;
    for (const target of [url, `http://localhost:${port}/jwks`, `http://[::ffff:127.0.0.1]:${port}/jwks`, 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/jwks']) {
      await expect(fetchJwksDocument(target, { timeoutMs: 1000 })).rejects.toMatchObject({ name: 'BlockedTargetError' });
    }
    expect(requests).toBe(0);
    await expect(fetchJwksDocument(url, { timeoutMs: 1000 })).rejects.toMatchObject({ name: 'BlockedTargetError', message: 'JWKS host is a blocked address' });
    expect(await fetchJwksDocument(`http://localhost:${port}/jwks`, LOCAL)).toEqual({ keys: [] });
    expect(requests).toBe(1);
  });

  it('refuses an answer without a body', async () => {
    const url = await serve((req, res) => void (req.url === '/jwks' ? res.writeHead(200).end() : res.writeHead(204).end()));
    await expect(fetchJwksDocument(url, LOCAL)).rejects.toThrow(new Error('JWKS endpoint sent no body'));
    await expect(fetchJwksDocument(url.replace('/jwks', '/none'), LOCAL)).rejects.toThrow(new Error('JWKS endpoint answered 204'));
  });

  it('fails on a body cut off by the connection', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"keys": [');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await expect(fetchJwksDocument(url, LOCAL)).rejects.toThrow();
  });

  it('speaks TLS to an https URL, and fails on a closed port or a body that is not JSON', async () => {
    const url = await serve((_req, res) => void res.end('<html>not json</html>'));
    // A TLS handshake with a server that speaks plain HTTP: the protocol error is TLS's own.
    await expect(fetchJwksDocument(url.replace('http:', 'https:'), LOCAL)).rejects.toMatchObject({ code: 'EPROTO' });
    await expect(fetchJwksDocument(url, LOCAL)).rejects.toThrow(SyntaxError);
    const closed = url;
    server!.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(fetchJwksDocument(closed, LOCAL)).rejects.toMatchObject({ code: expect.stringMatching(/^ECONN(REFUSED|RESET)$/) });
  });

  it('refuses error statuses, redirects, oversized bodies and slow servers', async () => {
    const url = await serve((_req, res) => void res.writeHead(500).end());
    await expect(fetchJwksDocument(url, LOCAL)).rejects.toThrow(/500/);
    server!.removeAllListeners('request');
    server!.on('request', (req, res) => {
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/jwks' }).end();
      if (req.url === '/big') return void res.end('x'.repeat(2048));
      if (req.url === '/slow') return; // never answers
      res.end('{}');
    });
    const base = url.replace('/jwks', '');
    await expect(fetchJwksDocument(`${base}/redirect`, LOCAL)).rejects.toThrow();
    await expect(fetchJwksDocument(`${base}/big`, { ...LOCAL, timeoutMs: 5_000, maxBytes: 1024 })).rejects.toThrow(/too large/);
    await expect(fetchJwksDocument(`${base}/slow`, { ...LOCAL, timeoutMs: 200 })).rejects.toThrow();
    server!.closeAllConnections();
  });
});

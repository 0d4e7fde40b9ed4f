import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { BlockedTargetError, outboundRequest } from '../common/outbound-target';

/** Fetches and parses one JWKS document; the default reads it over HTTP(S) with a timeout and a size cap. */
export type JwksFetcher = (uri: string) => Promise<unknown>;

export interface JwksClientOptions {
  /** How long a fetched key set is trusted (10 minutes). */
  cacheTtlMs: number;
  /** An unknown `kid` triggers a refetch, but at most once per this interval per JWKS URL. */
  minRefetchIntervalMs: number;
  fetcher: JwksFetcher;
  now: () => number;
}

export const JWKS_FETCH_TIMEOUT_MS = 5_000;
export const JWKS_MAX_BYTES = 256 * 1024;
/** RSA keys shorter than this are refused (NIST SP 800-131A). */
export const MIN_RSA_MODULUS_BITS = 2048;

/**
 * The RS256 signing keys of a JWKS document, by `kid`. Anything else is skipped rather than
 * trusted: keys of another type or algorithm, encryption keys, keys without a `kid`, short keys.
 */
export function parseJwks(document: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  // A primitive has no `keys` property, so only null needs guarding.
  const entries = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(entries)) throw new Error('JWKS document has no keys array');
  for (const entry of entries as unknown[]) {
    if (entry === null) continue;
    // Properties of a primitive entry are all undefined, so it fails the kty check.
    const jwk = entry as Record<string, unknown>;
    if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || jwk.kid === '') continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    if (jwk.alg !== undefined && jwk.alg !== 'RS256') continue;
    // A private key has no place in a JWKS; a key without n and e cannot be built (caught below).
    if ('d' in jwk) continue;
    try {
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' });
      if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_MODULUS_BITS) continue;
      if (!keys.has(jwk.kid)) keys.set(jwk.kid, key);
    } catch {
      // a malformed key is not a key
    }
  }
  return keys;
}

export interface JwksFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Let the URL reach loopback, private, link-local or reserved addresses (IDP_ALLOW_PRIVATE_JWKS; tests only). */
  allowPrivate?: boolean;
}

/**
 * GET a JWKS document: no redirects, `timeoutMs` overall, at most `maxBytes` read. The host must
 * not be or resolve to a loopback, private, link-local or reserved address (checked at connection
 * time, after DNS resolution, so a name re-pointed inside since it was saved is refused too): the
 * URL was typed by an operator and the fetch is triggered by unauthenticated tokens.
 */
export function fetchJwksDocument(uri: string, options: JwksFetchOptions = {}): Promise<unknown> {
  const { timeoutMs = JWKS_FETCH_TIMEOUT_MS, maxBytes = JWKS_MAX_BYTES, allowPrivate = false } = options;
  return new Promise((resolve, reject) => {
    const request = outboundRequest(new URL(uri), allowPrivate, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        response.resume();
        return reject(new Error(`JWKS endpoint answered ${status}`));
      }
      if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
        response.destroy();
        return reject(new Error('JWKS document too large'));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          response.destroy();
          return reject(new Error('JWKS document too large'));
        }
        chunks.push(chunk);
      });
      // Stryker disable next-line StringLiteral: without this listener a body cut off is an unhandled error, which fails a vitest run (jwks-client.spec: a body cut off) but not Stryker's per-test runner
      response.on('error', reject);
      response.on('end', () => {
        if (size === 0) return reject(new Error('JWKS endpoint sent no body'));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    if (!request) return reject(new BlockedTargetError('JWKS host is a blocked address'));
    // Stryker disable next-line StringLiteral: without this listener the error is unhandled, which fails a vitest run (jwks-client.spec: a closed port) but not Stryker's per-test runner
    request.on('error', reject);
    request.end();
  });
}

interface CachedKeySet {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

/**
 * Signing keys of external identity providers, cached per JWKS URL for `cacheTtlMs`. A token
 * naming an unknown `kid` (the provider rotated its keys) causes one refetch, rate-limited so
 * that tokens with made-up kids cannot turn us into a request generator against the provider.
 */
export class JwksClient {
  private readonly options: JwksClientOptions;
  private readonly cache = new Map<string, CachedKeySet>();
  private readonly inFlight = new Map<string, Promise<CachedKeySet>>();

  constructor(options: Partial<JwksClientOptions> = {}) {
    this.options = {
      cacheTtlMs: 10 * 60_000,
      minRefetchIntervalMs: 1_000,
      fetcher: (uri) => fetchJwksDocument(uri),
      now: () => Date.now(),
      ...options,
    };
  }

  /** The key `kid` of the set at `jwksUri`, or null when the provider does not publish it. Throws when the set cannot be fetched. */
  async getKey(jwksUri: string, kid: string): Promise<KeyObject | null> {
    const now = this.options.now();
    let set = this.cache.get(jwksUri);
    const stale = !set || now - set.fetchedAt >= this.options.cacheTtlMs;
    const mayRefetch = !!set && !set.keys.has(kid) && now - set.fetchedAt >= this.options.minRefetchIntervalMs;
    if (stale || mayRefetch) set = await this.load(jwksUri);
    return set!.keys.get(kid) ?? null;
  }

  /** Forgets a provider's keys (its configuration changed or was removed). */
  forget(jwksUri: string): void {
    this.cache.delete(jwksUri);
  }

  /** Concurrent requests for one URL share one fetch. */
  private load(jwksUri: string): Promise<CachedKeySet> {
    const pending = this.inFlight.get(jwksUri);
    if (pending) return pending;
    const load = (async () => {
      try {
        const set = { keys: parseJwks(await this.options.fetcher(jwksUri)), fetchedAt: this.options.now() };
        this.cache.set(jwksUri, set);
        return set;
      } finally {
        this.inFlight.delete(jwksUri);
      }
    })();
    this.inFlight.set(jwksUri, load);
    return load;
  }
}

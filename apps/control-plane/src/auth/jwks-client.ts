import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

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

/** GET a JWKS document: no redirects, `timeoutMs` overall, at most `maxBytes` read. */
export async function fetchJwksDocument(uri: string, timeoutMs = JWKS_FETCH_TIMEOUT_MS, maxBytes = JWKS_MAX_BYTES): Promise<unknown> {
  const signal = AbortSignal.timeout(timeoutMs);
  const response = await fetch(uri, { signal, redirect: 'error', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`JWKS endpoint answered ${response.status}`);
  const declared = Number(response.headers.get('content-length')); // none: Number(null) is 0
  if (declared > maxBytes) throw new Error('JWKS document too large');
  if (!response.body) throw new Error('JWKS endpoint sent no body');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new Error('JWKS document too large');
    }
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
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

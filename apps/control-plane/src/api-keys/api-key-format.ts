import { createHash, randomBytes } from 'node:crypto';

/**
 * An API key is `ade_<prefix>_<secret>`: `prefix` is 12 hex characters, the key's public id
 * (shown in lists, used to find it); `secret` is 32 random bytes in base64url (43 characters).
 * The `ade_` start tells an API key from a JWT (which starts with `eyJ`).
 */
export const API_KEY_MARKER = 'ade_';
const API_KEY = /^ade_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

export interface NewApiKey extends ParsedApiKey {
  /** The whole key, shown to its creator once. */
  key: string;
  secretHash: Buffer;
}

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { prefix, secret, key: `${API_KEY_MARKER}${prefix}_${secret}`, secretHash: hashApiKeySecret(secret) };
}

/** The parts of a well-formed key, or null. */
export function parseApiKey(raw: string): ParsedApiKey | null {
  const match = API_KEY.exec(raw);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

/**
 * SHA-256, not a password hash: the secret is 256 bits from the CSPRNG, so it cannot be guessed
 * or brute-forced from its hash, and a slow KDF (scrypt) would only add latency to every request.
 */
export function hashApiKeySecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The API key a request presents, if it presents one: `X-API-Key: <key>`, or
 * `Authorization: Bearer ade_...`. Any other bearer token is left to the JWT strategy.
 * The returned string may be malformed; authenticating it decides.
 */
export function presentedApiKey(headers: Headers): string | null {
  const explicit = header(headers, 'x-api-key');
  if (explicit !== undefined) return explicit.trim();
  const authorization = header(headers, 'authorization');
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return bearer && bearer[1]!.startsWith(API_KEY_MARKER) ? bearer[1]! : null;
}

import { z } from 'zod';
import { Secret } from './secret';

/** How a key names itself inside what it encrypted or sealed. */
export const KEY_ID = /^[a-z0-9_-]{1,32}$/;

/** One entry of a key ring: the key's id and its 32 bytes, base64. */
export interface KeyEntry {
  id: string;
  key: Secret;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The 32 bytes of a base64 key, or null when it is anything else. */
export function key32(encoded: string): Buffer | null {
  if (!BASE64.test(encoded)) return null;
  const bytes = Buffer.from(encoded, 'base64');
  return bytes.length === 32 ? bytes : null;
}

/** Checks `<id>:<base64 32-byte key>`; a problem names the entry by position or key id, never the key. */
export function keyEntryProblem(entry: string, at: string): string | KeyEntry {
  const colon = entry.indexOf(':');
  const id = colon < 0 ? '' : entry.slice(0, colon);
  const encoded = colon < 0 ? '' : entry.slice(colon + 1);
  if (!KEY_ID.test(id)) return `${at}: must be <keyId>:<base64 key> with a keyId of 1-32 of a-z 0-9 _ -`;
  if (key32(encoded) === null) return `key '${id}' must be 32 bytes, base64-encoded (e.g. openssl rand -base64 32)`;
  return { id, key: new Secret(encoded) };
}

/**
 * `<id>:<base64 32-byte key>[,<id>:<base64 key>...]`: the first key is the active one, every key
 * is accepted, so a new key goes first and the old one stays while what it protected is renewed.
 */
export const envKeyRing = z.string().transform((value, ctx): KeyEntry[] => {
  const ring: KeyEntry[] = [];
  value
    .split(',')
    .map((entry) => entry.trim())
    .forEach((entry, index) => {
      const checked = keyEntryProblem(entry, `entry ${index + 1}`);
      if (typeof checked === 'string') ctx.addIssue({ code: 'custom', message: checked });
      else if (ring.some((k) => k.id === checked.id)) ctx.addIssue({ code: 'custom', message: `key id '${checked.id}' appears more than once` });
      else ring.push(checked);
    });
  return ring;
});

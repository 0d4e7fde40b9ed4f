import { z } from 'zod';
import { readEnv, Secret } from '@ade/config';

export const SECRET_KEY_ID = /^[a-z0-9_-]{1,32}$/;

/** One entry of the key ring: the key's id (stored in every ciphertext) and its 32 bytes, base64. */
export interface SecretKeyEntry {
  id: string;
  key: Secret;
}

/**
 * `SECRETS_KEYS=<id>:<base64 32-byte key>[,<id>:<base64 key>...]`. The first key encrypts; every
 * key decrypts, so a new key goes first and the old one stays until the stored secrets are
 * re-encrypted (`npm run secrets:rotate`). Problems name the entry by position, never by value.
 */
const secretsKeys = z.string().transform((value, ctx): SecretKeyEntry[] => {
  const entries = value.split(',').map((entry) => entry.trim());
  const ring: SecretKeyEntry[] = [];
  entries.forEach((entry, index) => {
    const at = `entry ${index + 1}`;
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const encoded = colon < 0 ? '' : entry.slice(colon + 1);
    if (!SECRET_KEY_ID.test(id)) {
      ctx.addIssue({ code: 'custom', message: `${at}: must be <keyId>:<base64 key> with a keyId of 1-32 of a-z 0-9 _ -` });
      return;
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || Buffer.from(encoded, 'base64').length !== 32) {
      ctx.addIssue({ code: 'custom', message: `key '${id}' must be 32 bytes, base64-encoded (e.g. openssl rand -base64 32)` });
      return;
    }
    if (ring.some((k) => k.id === id)) {
      ctx.addIssue({ code: 'custom', message: `key id '${id}' appears more than once` });
      return;
    }
    ring.push({ id, key: new Secret(encoded) });
  });
  return ring;
});

export const secretsEnvSchema = z.object({ SECRETS_KEYS: secretsKeys });

export class SecretsConfig {
  constructor(
    /** The first key is the active one; the others only decrypt. Never empty. */
    readonly keys: readonly SecretKeyEntry[],
  ) {}

  static fromEnv(env: z.infer<typeof secretsEnvSchema>): SecretsConfig {
    return new SecretsConfig(env.SECRETS_KEYS);
  }
}

/** The key ring alone: `npm run secrets:rotate` reads just this and the database settings. */
export function loadSecretsConfig(env: Record<string, string | undefined>): SecretsConfig {
  return SecretsConfig.fromEnv(readEnv(secretsEnvSchema, env));
}

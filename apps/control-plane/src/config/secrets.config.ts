import { z } from 'zod';
import { envKeyRing, readEnv, type KeyEntry } from '@ade/config';

/** One entry of the key ring: the key's id (stored in every ciphertext) and its 32 bytes, base64. */
export type SecretKeyEntry = KeyEntry;

/**
 * `SECRETS_KEYS=<id>:<base64 32-byte key>[,<id>:<base64 key>...]`. The first key encrypts; every
 * key decrypts, so a new key goes first and the old one stays until the stored secrets are
 * re-encrypted (`npm run secrets:rotate`). Problems name the entry by position, never by value.
 */
export const secretsEnvSchema = z.object({ SECRETS_KEYS: envKeyRing });

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

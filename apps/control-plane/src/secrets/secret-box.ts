import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { SecretsConfig } from '../config/secrets.config';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored value could not be decrypted. The message never carries the value or a key. */
export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}

/**
 * Encrypts secrets at rest with AES-256-GCM under the key ring of `SECRETS_KEYS`:
 * `v1:<keyId>:<iv b64>:<ciphertext b64>:<tag b64>`, a random 12-byte IV per value. The first key
 * encrypts; any key of the ring decrypts, so keys can be rotated without downtime.
 */
export class SecretBox {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly activeKeyId: string;

  constructor(config: SecretsConfig) {
    if (config.keys.length === 0) throw new Error('SECRETS_KEYS: needs at least one key');
    this.#keys = new Map(config.keys.map((k) => [k.id, Buffer.from(k.key.reveal(), 'base64')]));
    for (const [id, key] of this.#keys) if (key.length !== 32) throw new Error(`SECRETS_KEYS: key '${id}' must be 32 bytes`);
    this.activeKeyId = config.keys[0]!.id;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#keys.get(this.activeKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VERSION}:${this.activeKeyId}`));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.activeKeyId, iv.toString('base64'), ciphertext.toString('base64'), cipher.getAuthTag().toString('base64')].join(':');
  }

  decrypt(stored: string): string {
    const parts = stored.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretDecryptionError('not an encrypted secret of a known version');
    const [version, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
    const key = this.#keys.get(keyId);
    if (!key) throw new SecretDecryptionError(`encrypted under key '${keyId}', which is not in SECRETS_KEYS`);
    const ivBytes = Buffer.from(iv, 'base64');
    const tagBytes = Buffer.from(tag, 'base64');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new SecretDecryptionError('malformed encrypted secret');
    try {
      const decipher = createDecipheriv(ALGORITHM, key, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${version}:${keyId}`));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError(`encrypted secret failed authentication under key '${keyId}' (tampered, or a different key of that id)`);
    }
  }

  /** The id of the key a stored value was encrypted under (null when it is not a v1 value). */
  static keyIdOf(stored: string): string | null {
    const parts = stored.split(':');
    return parts.length === 5 && parts[0] === VERSION ? parts[1]! : null;
  }

  /** Whether the value is under a key other than the active one, i.e. needs re-encrypting. */
  isStale(stored: string): boolean {
    return SecretBox.keyIdOf(stored) !== this.activeKeyId;
  }

  /** Re-encrypts under the active key; unchanged when already under it. */
  reencrypt(stored: string): string {
    return this.isStale(stored) ? this.encrypt(this.decrypt(stored)) : stored;
  }

  toJSON(): string {
    return `SecretBox(${this.activeKeyId})`;
  }

  [inspect.custom](): string {
    return `SecretBox(${this.activeKeyId})`;
  }
}

import type { Logger } from '@nestjs/common';
import { UnavailableError } from '../common/app-error';
import { SecretBox, SecretDecryptionError } from './secret-box';

/**
 * A stored secret decrypted for release to the data plane. One that no key of SECRETS_KEYS opens
 * is logged (ids and the reason, never the value) and answered as a 503 naming what could not be
 * released; any other error is a bug and goes on as it is.
 */
export function decryptForRelease(box: SecretBox, ciphertext: string, what: 'connector' | 'engine', logger: Logger, ids: Record<string, string>): string {
  try {
    return box.decrypt(ciphertext);
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    logger.error({ msg: `${what} secret could not be decrypted`, ...ids, reason: error.message });
    throw new UnavailableError(`the ${what} credentials cannot be decrypted with the configured SECRETS_KEYS`);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { base32Encode } from './totp';

export const RECOVERY_CODE_COUNT = 10;

/** Ten single-use codes of 60 random bits each, written `xxxx-xxxx-xxxx` for a person to copy. */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    // 8 random bytes are 13 base32 characters; the first 12 (60 bits) make the code.
    const text = base32Encode(randomBytes(8)).toLowerCase();
    return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8, 12)}`;
  });
}

/** How a code is stored: the SHA-256 of its letters, whatever case and dashes it was typed with (60 random bits need no slow hash). */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase(), 'utf8').digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z2-7]{4}-?[a-z2-7]{4}-?[a-z2-7]{4}$/i.test(code.trim());
}

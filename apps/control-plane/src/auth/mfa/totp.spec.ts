import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import { base32Decode, base32Encode, generateTotpSecret, matchingTotpStep, otpauthUri, totpCode, totpStep } from './totp';

// RFC 6238 appendix B: the SHA-1 seed, times and 8-digit codes.
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('gives the RFC code at t = %i', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, totpStep(seconds * 1000), 8)).toBe(expected);
    expect(totpCode(RFC_SECRET, totpStep(seconds * 1000))).toBe(expected.slice(2));
  });

  it('round-trips base32 (RFC 4648) and makes 160-bit secrets', () => {
    // RFC 4648 section 10, without the padding
    for (const [text, encoded] of [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']] as const) {
      expect(base32Encode(Buffer.from(text))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(text);
    }
    expect(base32Decode('mzxw 6ytb-oi======').toString()).toBe('foobar');
    expect(() => base32Decode('not base32!')).toThrow('not base32');
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it('accepts the code of the current step and one step either side, once each, and nothing else', () => {
    const secret = base32Encode(RFC_SECRET);
    const now = 1111111111 * 1000;
    const step = totpStep(now);
    const codeAt = (s: number) => totpCode(RFC_SECRET, s);
    expect(matchingTotpStep(secret, codeAt(step), now, null)).toBe(step);
    expect(matchingTotpStep(secret, codeAt(step - 1), now, null)).toBe(step - 1);
    expect(matchingTotpStep(secret, codeAt(step + 1), now, null)).toBe(step + 1);
    expect(matchingTotpStep(secret, codeAt(step - 2), now, null)).toBeNull();
    expect(matchingTotpStep(secret, codeAt(step + 2), now, null)).toBeNull();
    // Used once: the same step, or an earlier one, is refused.
    expect(matchingTotpStep(secret, codeAt(step), now, step)).toBeNull();
    expect(matchingTotpStep(secret, codeAt(step - 1), now, step - 1)).toBeNull();
    expect(matchingTotpStep(secret, codeAt(step + 1), now, step)).toBe(step + 1);
    for (const bad of ['', '12345', '1234567', 'abcdef', ` ${codeAt(step)}`]) expect(matchingTotpStep(secret, bad, now, null)).toBeNull();
  });

  it('writes the otpauth URI authenticator apps scan', () => {
    expect(otpauthUri('ADE', 'admin@payer.example', 'GEZDGNBV')).toBe(
      'otpauth://totp/ADE:admin%40payer.example?secret=GEZDGNBV&issuer=ADE&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes of 60 random bits, stored as a hash that ignores case and dashes', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
      expect(hashRecoveryCode(code.toUpperCase().replaceAll('-', ''))).toBe(hashRecoveryCode(code));
      expect(hashRecoveryCode(code)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(looksLikeRecoveryCode('123456')).toBe(false);
    expect(hashRecoveryCode(' ABCD-efgh-2345 ')).toBe(createHash('sha256').update('abcdefgh2345').digest('hex'));
    for (const typed of ['abcd-efgh-2345', 'ABCDEFGH2345', ' abcd-efgh2345 ']) expect(looksLikeRecoveryCode(typed)).toBe(true);
    for (const typed of ['xabcd-efgh-2345', 'abcd-efgh-2345x', 'abcd-efgh-2341', 'abcd--efgh-2345']) expect(looksLikeRecoveryCode(typed)).toBe(false);
  });
});

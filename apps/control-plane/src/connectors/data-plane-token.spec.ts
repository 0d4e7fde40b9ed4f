import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptedDataPlaneToken } from './data-plane-token';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const TOKEN = 'a'.repeat(24) + '-data-plane-token-1';
const OTHER = 'b'.repeat(24) + '-data-plane-token-2';

describe('acceptedDataPlaneToken', () => {
  it('accepts a bearer token whose SHA-256 is listed, naming it by its digest prefix', () => {
    expect(acceptedDataPlaneToken(`Bearer ${TOKEN}`, [sha256(OTHER), sha256(TOKEN)])).toBe(sha256(TOKEN).slice(0, 12));
    expect(acceptedDataPlaneToken(`bearer ${OTHER}`, [sha256(OTHER), sha256(TOKEN)])).toBe(sha256(OTHER).slice(0, 12));
  });

  it('refuses everything when no digest is configured', () => {
    expect(acceptedDataPlaneToken(`Bearer ${TOKEN}`, [])).toBeNull();
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the token without a scheme', TOKEN],
    ['another scheme', `Basic ${TOKEN}`],
    ['an unlisted token', `Bearer ${OTHER}`],
    ['the digest itself', `Bearer ${sha256(TOKEN)}`],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`],
    ['a token with a character more', `Bearer ${TOKEN}x`],
    ['an oversized token', `Bearer ${'a'.repeat(10_000)}`],
  ])('refuses %s', (_case, header) => {
    expect(acceptedDataPlaneToken(header, [sha256(TOKEN)])).toBeNull();
  });
});

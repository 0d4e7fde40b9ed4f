import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Secret } from '@ade/config';
import { AuthConfig } from '../config/control-plane.config';
import { PasswordHasher } from './password-hasher';

const hasherWithCost = (log2N: number) => new PasswordHasher(new AuthConfig(new Secret('s'.repeat(32)), 'i', 'a', 900, log2N, null));

describe('PasswordHasher', () => {
  const hasher = hasherWithCost(14);

  it('verifies the right password and nothing else', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$14\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('correct horse batterY', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('still verifies hashes made at another cost after the cost is raised', async () => {
    const old = await hasher.hash('long-lived password');
    expect(await hasherWithCost(15).verify('long-lived password', old)).toBe(true);
  });

  it('hashes with the configured cost, block size and parallelism', async () => {
    // Cost 2^4, far from scrypt's default 2^14, so a hash made with the defaults would not match.
    const stored = await hasherWithCost(4).hash('pw');
    const [, log2N, r, p, salt, key] = stored.split('$');
    expect([log2N, r, p]).toEqual(['4', '8', '1']);
    expect(scryptSync('pw', Buffer.from(salt!, 'base64'), 32, { N: 16, r: 8, p: 1 }).toString('base64')).toBe(key);
  });

  it('verifies with the cost, block size and parallelism the stored hash names', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const made = (N: number, r: number, p: number) => scryptSync('pw', salt, 32, { N, r, p, maxmem: 256 * N * r }).toString('base64');
    expect(await hasher.verify('pw', `scrypt$4$8$1$${salt.toString('base64')}$${made(16, 8, 1)}`)).toBe(true);
    expect(await hasher.verify('pw', `scrypt$5$4$2$${salt.toString('base64')}$${made(32, 4, 2)}`)).toBe(true);
  });

  it('refuses a hash that names another scheme, even when the rest would match', async () => {
    const stored = await hasherWithCost(4).hash('pw');
    expect(await hasher.verify('pw', stored.replace(/^scrypt\$/, 'argon2$'))).toBe(false);
    expect(await hasher.verify('pw', stored.replace(/\$[^$]+$/, '$'))).toBe(false);
  });

  it('answers false for an unknown user (no stored hash) and for a foreign hash format', async () => {
    expect(await hasher.verify('anything', null)).toBe(false);
    expect(await hasher.verify('anything', '$2b$10$abcdefghijklmnopqrstuv')).toBe(false);
  });
});

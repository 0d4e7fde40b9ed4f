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

  it('answers false for an unknown user (no stored hash) and for a foreign hash format', async () => {
    expect(await hasher.verify('anything', null)).toBe(false);
    expect(await hasher.verify('anything', '$2b$10$abcdefghijklmnopqrstuv')).toBe(false);
  });
});

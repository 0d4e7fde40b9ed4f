import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configProblemsOf } from '@ade/testing';
import { loadControlPlaneConfig } from '../config/control-plane.config';
import { loadSecretsConfig } from '../config/secrets.config';
import { SecretBox, SecretDecryptionError } from './secret-box';

const key = () => randomBytes(32).toString('base64');
const boxOf = (keys: string) => new SecretBox(loadSecretsConfig({ SECRETS_KEYS: keys }));
const SECRET = 'a1b2c3d4'.repeat(8);

const problemsOf = (keys: string | undefined): string[] => configProblemsOf(() => loadSecretsConfig({ SECRETS_KEYS: keys }));

describe('SecretBox', () => {
  const k1 = `k1:${key()}`;

  it('round-trips under a versioned format with a random IV per value', () => {
    const box = boxOf(k1);
    const a = box.encrypt(SECRET);
    const b = box.encrypt(SECRET);
    expect(a).toMatch(/^v1:k1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(SECRET);
    expect(Buffer.from(a.split(':')[2]!, 'base64')).toHaveLength(12);
    expect(box.decrypt(a)).toBe(SECRET);
    expect(box.decrypt(b)).toBe(SECRET);
    expect(box.decrypt(box.encrypt(''))).toBe('');
  });

  it('rejects a tampered ciphertext, tag, IV or key id', () => {
    const box = boxOf(k1);
    const [v, id, iv, ct, tag] = box.encrypt(SECRET).split(':') as [string, string, string, string, string];
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64');
    };
    for (const tampered of [
      [v, id, iv, flip(ct), tag],
      [v, id, iv, ct, flip(tag)],
      [v, id, flip(iv), ct, tag],
      ['v2', id, iv, ct, tag],
      [v, id, iv, ct],
    ]) {
      expect(() => box.decrypt(tampered.join(':'))).toThrowError(SecretDecryptionError);
    }
    expect(() => box.decrypt(SECRET)).toThrowError(SecretDecryptionError);
  });

  it('fails with a wrong key of the same id, or a key id not in the ring, without echoing anything', () => {
    const stored = boxOf(k1).encrypt(SECRET);
    const wrong = (() => {
      try {
        boxOf(`k1:${key()}`).decrypt(stored);
      } catch (error) {
        return error as Error;
      }
      throw new Error('expected a failure');
    })();
    expect(wrong).toBeInstanceOf(SecretDecryptionError);
    expect(wrong.message).not.toContain(SECRET);
    expect(() => boxOf(`k2:${key()}`).decrypt(stored)).toThrowError(/key 'k1', which is not in SECRETS_KEYS/);
  });

  it('rotates: a new first key encrypts, the old one still decrypts until re-encrypted', () => {
    const k2 = `k2:${key()}`;
    const old = boxOf(k1).encrypt(SECRET);
    const ring = boxOf(`${k2},${k1}`);
    expect(ring.activeKeyId).toBe('k2');
    expect(ring.decrypt(old)).toBe(SECRET);
    expect(ring.isStale(old)).toBe(true);
    const fresh = ring.reencrypt(old);
    expect(SecretBox.keyIdOf(fresh)).toBe('k2');
    expect(ring.reencrypt(fresh)).toBe(fresh);
    // The old key can go now.
    expect(boxOf(k2).decrypt(fresh)).toBe(SECRET);
    expect(() => boxOf(k2).decrypt(old)).toThrowError(SecretDecryptionError);
  });

  it('never shows its keys', () => {
    const material = key();
    const config = loadSecretsConfig({ SECRETS_KEYS: `main:${material}` });
    const box = new SecretBox(config);
    const printed = [JSON.stringify(config), inspect(config, { depth: 10 }), JSON.stringify(box), inspect(box, { depth: 10 }), String(box)].join('\n');
    expect(printed).not.toContain(material);
    expect(printed).not.toContain(material.slice(0, 12));
  });
});

describe('SECRETS_KEYS', () => {
  it('is required, and named', () => {
    expect(problemsOf(undefined)).toEqual(['SECRETS_KEYS: is required']);
    expect(problemsOf('')).toEqual(['SECRETS_KEYS: is required']);
  });

  it('names every bad entry without echoing key material', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    const good = key();
    const problems = problemsOf(`ok:${good},Bad.Id:${key()},short:${short},nocolon,ok:${key()},notb64:!!!!`);
    expect(problems.every((p) => p.startsWith('SECRETS_KEYS: '))).toBe(true);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/entry 2/);
    expect(problems.join('\n')).toMatch(/key 'short' must be 32 bytes/);
    expect(problems.join('\n')).toMatch(/entry 4/);
    expect(problems.join('\n')).toMatch(/key id 'ok' appears more than once/);
    expect(problems.join('\n')).toMatch(/key 'notb64' must be 32 bytes/);
    expect(problems.join('\n')).not.toContain(short);
    expect(problems.join('\n')).not.toContain(good);
  });

  it('rejects ids longer than 32 characters', () => {
    expect(problemsOf(`${'a'.repeat(33)}:${key()}`)).toHaveLength(1);
    expect(loadSecretsConfig({ SECRETS_KEYS: `${'a'.repeat(32)}:${key()}` }).keys).toHaveLength(1);
  });

  it('is part of the control-plane configuration, first key active', () => {
    const env = { DATABASE_URL: 'postgres://app@db.internal:5432/ade', JWT_SECRET: 'k'.repeat(40), QUEUE_SIGNING_KEYS: `q1:${key()}` };
    expect(() => loadControlPlaneConfig(env)).toThrowError(/SECRETS_KEYS: is required/);
    const config = loadControlPlaneConfig({ ...env, SECRETS_KEYS: ` new:${key()} , old_1:${key()}` });
    expect(config.secrets.keys.map((k) => k.id)).toEqual(['new', 'old_1']);
    expect(new SecretBox(config.secrets).activeKeyId).toBe('new');
  });
});

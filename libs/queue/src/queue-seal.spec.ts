import { describe, expect, it } from 'vitest';
import { Secret } from '@ade/config';
import { canonicalJson } from './canonical-json';
import { deriveTenantQueueKey, QueueKeyring } from './queue-keyring';
import { openSeal, seal, SEAL_CLOCK_SKEW_MS, SEAL_LIFETIME_MS, type SealTarget } from './queue-seal';

const tenantA = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const tenantB = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const keyBytes = (fill: number) => Buffer.alloc(32, fill);
const platform = QueueKeyring.fromSigningKeys([{ id: 'q1', key: new Secret(keyBytes(1).toString('base64')) }]);
const target: SealTarget = { tenantId: tenantA, name: 'pipeline.run', id: 'run-1' };
const payload = { tenantId: tenantA, runId: 'run-1', pipeline: { name: 'claims', source: { path: 'claims.csv', options: {} } } };
const now = Date.UTC(2026, 11, 7, 10);

describe('canonicalJson', () => {
  it('writes the same text whatever order keys come in, at any depth, leaving out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: { d: [1, { y: 2, z: 1 }] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }));
    expect(canonicalJson([undefined, null, 'x'])).toBe('[null,null,"x"]');
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
  });
});

describe('queue seals', () => {
  it('opens what the same tenant key sealed, after a trip through JSON with its keys reordered, and returns the payload without the seal', () => {
    const sealed = seal(platform, 'job', target, payload, now);
    expect(sealed.seal).toMatchObject({ v: 1, kid: 'q1', iat: now, exp: now + SEAL_LIFETIME_MS });
    const reordered = JSON.parse(JSON.stringify({ seal: sealed.seal, pipeline: payload.pipeline, runId: payload.runId, tenantId: payload.tenantId }));
    expect(openSeal(platform, 'job', target, reordered, now + 1000)).toEqual({ ok: true, payload });
  });

  it('refuses data with no seal or a malformed one as unsealed', () => {
    for (const data of [payload, null, 'text', [payload], { ...payload, seal: 'x' }, { ...payload, seal: { v: 2, kid: 'q1', iat: now, exp: now + 1, mac: 'AA' } }, { ...payload, seal: { v: 1, kid: 'q1', iat: '1', exp: now, mac: 'AA' } }]) {
      expect(openSeal(platform, 'job', target, data, now)).toEqual({ ok: false, reason: 'unsealed' });
    }
  });

  it('refuses anything changed after sealing as forged: the payload, the id, the name, the tenant, the purpose, the times', () => {
    const sealed = seal(platform, 'job', target, payload, now);
    const forged = (data: unknown, to: SealTarget = target, purpose: 'job' | 'event' = 'job') => openSeal(platform, purpose, to, data, now);
    expect(forged({ ...sealed, runId: 'run-2' })).toEqual({ ok: false, reason: 'forged' });
    expect(forged({ ...sealed, extra: true })).toEqual({ ok: false, reason: 'forged' });
    expect(forged(sealed, { ...target, id: 'run-1-again' })).toEqual({ ok: false, reason: 'forged' });
    expect(forged(sealed, { ...target, name: 'quality.release' })).toEqual({ ok: false, reason: 'forged' });
    expect(forged(sealed, { ...target, tenantId: tenantB })).toEqual({ ok: false, reason: 'forged' });
    expect(forged(sealed, target, 'event')).toEqual({ ok: false, reason: 'forged' });
    const header = sealed.seal as Record<string, unknown>;
    expect(forged({ ...sealed, seal: { ...header, exp: now + 2 * SEAL_LIFETIME_MS } })).toEqual({ ok: false, reason: 'forged' });
    expect(forged({ ...sealed, seal: { ...header, mac: 'A'.repeat(43) } })).toEqual({ ok: false, reason: 'forged' });
    expect(forged({ ...sealed, seal: { ...header, mac: '' } })).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a seal made with another signing key (forged) or naming a key the opener lacks (unknown_key)', () => {
    const other = QueueKeyring.fromSigningKeys([{ id: 'q1', key: new Secret(keyBytes(2).toString('base64')) }]);
    expect(openSeal(platform, 'job', target, seal(other, 'job', target, payload, now), now)).toEqual({ ok: false, reason: 'forged' });
    const rotated = QueueKeyring.fromSigningKeys([{ id: 'q9', key: new Secret(keyBytes(1).toString('base64')) }]);
    expect(openSeal(platform, 'job', target, seal(rotated, 'job', target, payload, now), now)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('accepts a seal for its lifetime only: refused once expired, or when sealed beyond the clock skew in the future', () => {
    const sealed = seal(platform, 'job', target, payload, now);
    expect(openSeal(platform, 'job', target, sealed, now + SEAL_LIFETIME_MS - 1).ok).toBe(true);
    expect(openSeal(platform, 'job', target, sealed, now + SEAL_LIFETIME_MS)).toEqual({ ok: false, reason: 'expired' });
    expect(openSeal(platform, 'job', target, sealed, now - SEAL_CLOCK_SKEW_MS).ok).toBe(true);
    expect(openSeal(platform, 'job', target, sealed, now - SEAL_CLOCK_SKEW_MS - 1)).toEqual({ ok: false, reason: 'expired' });
  });

  it("lets a dedicated worker's tenant key open and seal for that tenant only, exactly as the platform key does", () => {
    const derivedA = deriveTenantQueueKey(keyBytes(1), 'q1', tenantA);
    const dedicated = QueueKeyring.fromTenantKeys([derivedA]);
    expect(openSeal(dedicated, 'job', target, seal(platform, 'job', target, payload, now), now).ok).toBe(true);
    const event: SealTarget = { tenantId: tenantA, name: 'run.started', id: 'run.started.run-1.1' };
    expect(openSeal(platform, 'event', event, seal(dedicated, 'event', event, { tenantId: tenantA }, now), now).ok).toBe(true);
    const forB: SealTarget = { ...target, tenantId: tenantB };
    expect(() => seal(dedicated, 'event', forB, { tenantId: tenantB }, now)).toThrow(`no queue key is held for tenant ${tenantB}`);
    expect(openSeal(dedicated, 'job', forB, seal(platform, 'job', forB, payload, now), now)).toEqual({ ok: false, reason: 'unknown_key' });
    // One tenant's key is not another's, and says nothing of the signing key.
    expect(deriveTenantQueueKey(keyBytes(1), 'q1', tenantB).key.equals(derivedA.key)).toBe(false);
    expect(derivedA.key.equals(keyBytes(1))).toBe(false);
    expect(deriveTenantQueueKey(keyBytes(1), 'q1', tenantA.toUpperCase()).key.equals(derivedA.key)).toBe(true);
  });

  it('seals with the first signing key of a rotated ring and opens with any of them', () => {
    const ring = QueueKeyring.fromSigningKeys([
      { id: 'q2', key: new Secret(keyBytes(3).toString('base64')) },
      { id: 'q1', key: new Secret(keyBytes(1).toString('base64')) },
    ]);
    expect((seal(ring, 'job', target, payload, now).seal as { kid: string }).kid).toBe('q2');
    expect(openSeal(ring, 'job', target, seal(platform, 'job', target, payload, now), now).ok).toBe(true);
  });
});

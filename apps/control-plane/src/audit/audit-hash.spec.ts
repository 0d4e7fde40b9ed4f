import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEntry } from './audit-event';
import { auditEntryHash, canonicalAuditEntry, canonicalJson, canonicalTimestamp } from './audit-hash';

export function sampleEntry(overrides: Partial<AuditEntry> = {}): Omit<AuditEntry, 'hash'> {
  return {
    tenantId: '4f0c2a34-9a3b-4a38-9a0e-5e0b8f3e2c11',
    seq: 1,
    at: '2026-01-02T03:04:05.678Z',
    actorType: 'user',
    actorId: 'a2d9d7a4-0a51-4f5e-b0a8-2b9b7f0e4d01',
    actorRole: 'tenant_admin',
    action: 'POST /v1/pipelines',
    resourceType: 'pipelines',
    resourceId: null,
    outcome: 'success',
    statusCode: 201,
    requestId: 'req-1',
    clientIp: '127.0.0.1',
    details: { b: 2, a: 'x' },
    prevHash: GENESIS_HASH,
    ...overrides,
  };
}

describe('canonical audit serialization', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('sorts keys by code unit however they were inserted', () => {
    const expected = '{"A":1,"B":2,"a":3,"aa":4,"b":5,"c":6}';
    expect(canonicalJson({ c: 6, b: 5, aa: 4, a: 3, B: 2, A: 1 })).toBe(expected);
    expect(canonicalJson({ a: 3, A: 1, b: 5, B: 2, c: 6, aa: 4 })).toBe(expected);
    expect(canonicalJson({ A: 1, B: 2, a: 3, aa: 4, b: 5, c: 6 })).toBe(expected);
  });

  it('leaves out undefined members, as JSON does, and writes a lone undefined as null', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: { d: undefined } })).toBe('{"b":1,"c":{}}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([1, 'x', true, null])).toBe('[1,"x",true,null]');
  });

  it('refuses numbers JSON cannot carry, at any depth', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, { a: [Number.NEGATIVE_INFINITY] }]) {
      expect(() => canonicalJson(value)).toThrowError('non-finite numbers have no canonical form');
    }
    expect(canonicalJson(-0.5)).toBe('-0.5');
  });

  it('refuses a timestamp that is not a date', () => {
    expect(() => canonicalTimestamp('yesterday')).toThrowError('invalid audit timestamp');
    expect(() => canonicalTimestamp(new Date(Number.NaN))).toThrowError('invalid audit timestamp');
  });

  it('writes timestamps as ISO-8601 UTC with milliseconds', () => {
    expect(canonicalTimestamp('2026-01-02T04:04:05.6+01:00')).toBe('2026-01-02T03:04:05.600Z');
    expect(canonicalTimestamp(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00.000Z');
  });

  it('serializes the fields in a fixed order, prev_hash included', () => {
    expect(canonicalAuditEntry(sampleEntry())).toBe(
      '["ade-audit-v1","4f0c2a34-9a3b-4a38-9a0e-5e0b8f3e2c11",1,"2026-01-02T03:04:05.678Z","user",' +
        '"a2d9d7a4-0a51-4f5e-b0a8-2b9b7f0e4d01","tenant_admin","POST /v1/pipelines","pipelines",null,"success",201,' +
        `"req-1","127.0.0.1",{"a":"x","b":2},"${GENESIS_HASH}"]`,
    );
  });

  it('gives a stable SHA-256 that changes with any field', () => {
    const hash = auditEntryHash(sampleEntry());
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEntryHash(sampleEntry({ details: { a: 'x', b: 2 } }))).toBe(hash);
    expect(auditEntryHash(sampleEntry({ at: '2026-01-02T03:04:05.678+00:00' }))).toBe(hash);
    for (const change of [{ seq: 2 }, { outcome: 'denied' as const }, { details: { a: 'y', b: 2 } }, { prevHash: 'f'.repeat(64) }, { tenantId: null }]) {
      expect(auditEntryHash(sampleEntry(change))).not.toBe(hash);
    }
  });
});

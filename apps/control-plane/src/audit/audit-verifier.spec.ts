import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, RETENTION_PURGED_ACTION, type AuditEntry } from './audit-event';
import { auditEntryHash } from './audit-hash';
import { verifyChain } from './audit-verifier';

function chain(length: number, actionAt: (seq: number) => string = (seq) => `POST /v1/x/${seq}`): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let seq = 1; seq <= length; seq += 1) entries.push(next(entries, { action: actionAt(seq) }));
  return entries;
}

function next(entries: AuditEntry[], fields: Partial<AuditEntry> = {}): AuditEntry {
  const previous = entries.at(-1);
  const entry = {
    tenantId: null,
    seq: (previous?.seq ?? 0) + 1,
    at: new Date(Date.UTC(2026, 0, 1) + entries.length * 1000).toISOString(),
    actorType: 'system' as const,
    actorId: 'test',
    actorRole: null,
    action: 'test',
    resourceType: null,
    resourceId: null,
    outcome: 'success' as const,
    statusCode: null,
    requestId: null,
    clientIp: null,
    details: {},
    prevHash: previous?.hash ?? GENESIS_HASH,
    ...fields,
  };
  return { ...entry, hash: auditEntryHash(entry) };
}

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const entries = chain(5);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 5, headSeq: 5, headHash: entries[4]!.hash });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, headSeq: null, headHash: null });
  });

  it('reports an edited entry as hash_mismatch at its seq', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, outcome: 'denied' };
    expect(verifyChain(entries)).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('reports a re-hashed edit as chain_break at the next entry', () => {
    const entries = chain(5);
    const edited = { ...entries[2]!, action: 'forged' };
    entries[2] = { ...edited, hash: auditEntryHash(edited) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'chain_break' } });
  });

  it('reports a deleted middle entry as chain_break', () => {
    const entries = chain(5);
    entries.splice(2, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, entries: 4, firstBroken: { seq: 4, reason: 'chain_break' } });
  });

  it('reports seq_gap when the hashes link but seq skips', () => {
    const entries = chain(2);
    entries.push(next(entries, { seq: 4 }));
    expect(verifyChain(entries)).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'seq_gap' } });
  });

  it('rejects a first entry that does not start from the genesis hash', () => {
    const first = next([], { prevHash: 'a'.repeat(64) });
    expect(verifyChain([first])).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'chain_break' } });
  });

  it('accepts a chain starting after a retention purge that recorded its anchor', () => {
    const entries = chain(6);
    const anchor = entries[2]!;
    entries.push(next(entries, { action: RETENTION_PURGED_ACTION, details: { purgedThroughSeq: 3, anchorHash: anchor.hash, purged: 3 } }));
    const kept = entries.slice(3);
    expect(verifyChain(kept)).toMatchObject({ ok: true, entries: 4, headSeq: 7 });
  });

  it('rejects a chain whose start was cut off without a purge entry, or with the wrong anchor', () => {
    const entries = chain(6);
    expect(verifyChain(entries.slice(3))).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'chain_break' } });
    entries.push(next(entries, { action: RETENTION_PURGED_ACTION, details: { purgedThroughSeq: 3, anchorHash: 'b'.repeat(64) } }));
    expect(verifyChain(entries.slice(3))).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'chain_break' } });
  });
});

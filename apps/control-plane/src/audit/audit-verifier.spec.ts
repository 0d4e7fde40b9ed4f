import { describe, expect, it } from 'vitest';
import { RETENTION_PURGED_ACTION, type AuditEntry } from './audit-event';
import { auditEntryHash } from './audit-hash';
import { verifyChain } from './audit-verifier';
import { chain, next } from './test/audit-chain.factory';

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

  it('reports the first of several breaks', () => {
    const entries = chain(6);
    entries[1] = { ...entries[1]!, outcome: 'denied' };
    entries[4] = { ...entries[4]!, outcome: 'denied' };
    expect(verifyChain(entries)).toEqual({ ok: false, entries: 6, headSeq: 6, headHash: entries[5]!.hash, firstBroken: { seq: 2, reason: 'hash_mismatch' } });
  });

  it('reports an edited first entry of a cut-off chain as edited, not as cut off', () => {
    const kept = chain(6).slice(3);
    kept[0] = { ...kept[0]!, outcome: 'denied' };
    expect(verifyChain(kept)).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'hash_mismatch' } });
  });

  it('reports a chain cut off without a purge entry at its start, even when a later entry is broken too', () => {
    const kept = chain(7).slice(3);
    kept[2] = { ...kept[2]!, outcome: 'denied' };
    expect(verifyChain(kept)).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'chain_break' } });
  });

  it('takes as the purge anchor only a retention entry naming the seq right before the start and its hash', () => {
    const entries = chain(6);
    const anchor = entries[2]!;
    const anchorDetails = { purgedThroughSeq: 3, anchorHash: anchor.hash, purged: 3 };
    const withLast = (fields: Partial<AuditEntry>) => {
      const all = [...entries];
      all.push(next(all, fields));
      return verifyChain(all.slice(3));
    };
    expect(withLast({ action: RETENTION_PURGED_ACTION, details: anchorDetails })).toMatchObject({ ok: true });
    expect(withLast({ action: RETENTION_PURGED_ACTION, details: { ...anchorDetails, purgedThroughSeq: '3' } })).toMatchObject({ ok: true });
    expect(withLast({ action: 'POST /v1/x', details: anchorDetails })).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'chain_break' } });
    for (const purgedThroughSeq of [2, 4]) {
      expect(withLast({ action: RETENTION_PURGED_ACTION, details: { ...anchorDetails, purgedThroughSeq } })).toMatchObject({
        ok: false,
        firstBroken: { seq: 4, reason: 'chain_break' },
      });
    }
  });

  it('needs no anchor for a chain that starts at seq 1', () => {
    expect(verifyChain(chain(3))).toMatchObject({ ok: true, entries: 3 });
  });
});

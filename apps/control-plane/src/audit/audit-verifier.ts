import { GENESIS_HASH, RETENTION_PURGED_ACTION, type AuditEntry } from './audit-event';
import { auditEntryHash } from './audit-hash';

export type ChainBreakReason = 'hash_mismatch' | 'chain_break' | 'seq_gap';

export interface ChainVerification {
  ok: boolean;
  entries: number;
  headSeq: number | null;
  headHash: string | null;
  firstBroken?: { seq: number; reason: ChainBreakReason };
}

/**
 * Walks one chain in seq order, fed in batches, and reports the first broken entry:
 * - hash_mismatch: the entry's fields no longer give its hash (it was edited);
 * - chain_break: its prev_hash is not the previous entry's hash (an entry was removed or replaced);
 * - seq_gap: seq does not follow the previous one although the hashes link.
 * A chain may start above seq 1 only after a retention purge: the first entry's prev_hash must be
 * the `anchorHash` of an `audit.retention_purged` entry with `purgedThroughSeq` = start − 1.
 * Removing the newest entries leaves a valid shorter chain: only a head recorded elsewhere shows it.
 */
export class ChainVerifier {
  private count = 0;
  private previous: AuditEntry | null = null;
  private first: AuditEntry | null = null;
  private anchorSeen = false;
  private broken: ChainVerification['firstBroken'];

  push(entry: AuditEntry): void {
    this.count += 1;
    if (!this.broken) this.check(entry);
    if (this.first && isPurgeCovering(entry, this.first)) this.anchorSeen = true;
    this.previous = entry;
  }

  result(): ChainVerification {
    let broken = this.broken;
    // A chain that starts after a purge needs the purge's entry; else its start was cut off, which
    // comes before any later break. (An edited first entry is reported as edited: `first` is set
    // only once the first entry's hash holds.)
    if (this.first && this.first.seq > 1 && !this.anchorSeen) {
      broken = { seq: this.first.seq, reason: 'chain_break' };
    }
    return {
      ok: !broken,
      entries: this.count,
      headSeq: this.previous?.seq ?? null,
      headHash: this.previous?.hash ?? null,
      ...(broken ? { firstBroken: broken } : {}),
    };
  }

  private check(entry: AuditEntry): void {
    if (auditEntryHash(entry) !== entry.hash) return this.fail(entry, 'hash_mismatch');
    const previous = this.previous;
    if (!previous) {
      this.first = entry;
      if (entry.seq === 1 && entry.prevHash !== GENESIS_HASH) this.fail(entry, 'chain_break');
      return;
    }
    if (entry.prevHash !== previous.hash) return this.fail(entry, 'chain_break');
    if (entry.seq !== previous.seq + 1) this.fail(entry, 'seq_gap');
  }

  private fail(entry: AuditEntry, reason: ChainBreakReason): void {
    this.broken = { seq: entry.seq, reason };
  }
}

function isPurgeCovering(entry: AuditEntry, first: AuditEntry): boolean {
  return (
    entry.action === RETENTION_PURGED_ACTION &&
    Number(entry.details.purgedThroughSeq) === first.seq - 1 &&
    entry.details.anchorHash === first.prevHash
  );
}

/** Verifies a whole chain held in memory (entries in seq order). */
export function verifyChain(entries: Iterable<AuditEntry>): ChainVerification {
  const verifier = new ChainVerifier();
  for (const entry of entries) verifier.push(entry);
  return verifier.result();
}

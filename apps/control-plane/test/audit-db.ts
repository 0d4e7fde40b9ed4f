import { Client } from 'pg';
import { eventually, testDatabaseUrl } from '@ade/testing';
import type { AuditEntry } from '../src/audit/audit-event';
import { auditEntryHash, canonicalTimestamp } from '../src/audit/audit-hash';
import { auditEntryOf, type AuditRow } from '../src/audit/audit-log.repository';
import type { ControlPlaneHarness } from './control-plane.harness';

/** A superuser connection on the suite's schema: to look behind the API and to tamper like an attacker with database access. */
export async function superuserDb(cp: ControlPlaneHarness): Promise<Client> {
  const db = new Client({ connectionString: testDatabaseUrl });
  await db.connect();
  await db.query(`SELECT set_config('search_path', $1, false)`, [cp.config.database.schema]);
  return db;
}

/** A chain as stored, oldest first. */
export async function chainOf(db: Client, tenantId: string | null): Promise<AuditEntry[]> {
  const { rows } = await db.query<AuditRow>(`SELECT * FROM audit_events WHERE tenant_id IS NOT DISTINCT FROM $1::uuid ORDER BY seq`, [tenantId]);
  return rows.map(auditEntryOf);
}

/** Waits for an entry of the chain matching `match` (audit rows are written after the response). */
export async function waitForEntry(db: Client, tenantId: string | null, match: (entry: AuditEntry) => boolean, what: string): Promise<AuditEntry> {
  const chain = await eventually(() => chainOf(db, tenantId), (entries) => entries.some(match), { timeoutMs: 10_000, what });
  return chain.find(match)!;
}

/** Waits until the chain's length stops changing (no audit write of earlier requests still in flight). */
export async function settledChain(db: Client, tenantId: string | null): Promise<AuditEntry[]> {
  let previous = -1;
  for (;;) {
    const chain = await chainOf(db, tenantId);
    if (chain.length === previous) return chain;
    previous = chain.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Runs `sql` past the append-only trigger, as a purge or an attacker with owner rights would. */
export async function bypassTrigger(db: Client, sql: string, params: unknown[]): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL ade.retention_purge = 'on'`);
    await db.query(sql, params);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/**
 * Test setup for retention: moves the chain's entries up to `throughSeq` back to `at` and
 * re-hashes the whole chain, so it is valid and old (as if written years ago). Holds the chain's
 * append lock meanwhile, like the application does.
 */
export async function backdateChain(db: Client, tenantId: string | null, throughSeq: number, at: Date): Promise<AuditEntry[]> {
  await db.query('BEGIN');
  try {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || coalesce($1::text, 'platform')))`, [tenantId]);
    await db.query(`SET LOCAL ade.retention_purge = 'on'`);
    const chain = await chainOf(db, tenantId);
    let prevHash = chain[0]?.prevHash ?? '0'.repeat(64);
    const rewritten: AuditEntry[] = [];
    for (const entry of chain) {
      const moved = { ...entry, at: entry.seq <= throughSeq ? canonicalTimestamp(new Date(at.getTime() + entry.seq)) : entry.at, prevHash };
      const next = { ...moved, hash: auditEntryHash(moved) };
      rewritten.push(next);
      prevHash = next.hash;
      await db.query(`UPDATE audit_events SET at = $3, prev_hash = $4, hash = $5 WHERE tenant_id IS NOT DISTINCT FROM $1::uuid AND seq = $2`, [
        tenantId,
        next.seq,
        next.at,
        next.prevHash,
        next.hash,
      ]);
    }
    await db.query('COMMIT');
    return rewritten;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

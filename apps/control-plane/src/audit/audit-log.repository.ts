import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseScope } from '../database/database-scope';
import { assertTenantId } from '../database/tenant-scoped.repository';
import { GENESIS_HASH, type AuditEntry, type AuditEventInput } from './audit-event';
import { auditEntryHash, canonicalTimestamp } from './audit-hash';

/** An audit_events row as the pg driver returns it. */
export interface AuditRow {
  tenant_id: string | null;
  seq: string;
  at: Date;
  actor_type: AuditEntry['actorType'];
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: AuditEntry['outcome'];
  status_code: number | null;
  request_id: string | null;
  client_ip: string | null;
  details: AuditEntry['details'];
  prev_hash: string;
  hash: string;
}

/**
 * The rows of the chain named by parameter $1. Written per case, because `IS NOT DISTINCT FROM`
 * matches neither partial index: it made every append scan the whole table (bench/security).
 * Both forms reference $1, so the parameter list is the same either way.
 */
function inChain(tenantId: string | null): string {
  return tenantId === null ? `tenant_id IS NULL AND $1::uuid IS NULL` : `tenant_id = $1::uuid`;
}

/** The newest entry of the chain named by $1: what an append links to. */
export const chainHeadSql = (tenantId: string | null) => `SELECT seq, hash FROM audit_events WHERE ${inChain(tenantId)} ORDER BY seq DESC LIMIT 1`;

const COLUMNS = `tenant_id, seq, at, actor_type, actor_id, actor_role, action, resource_type, resource_id, outcome,
  status_code, request_id, client_ip, details, prev_hash, hash`;

/** The chain's lock key: one per tenant plus one for the platform chain (also taken by purge_audit_events). */
const CHAIN_LOCK = `SELECT pg_advisory_xact_lock(hashtext('audit:' || coalesce($1::text, 'platform')))`;

/**
 * The audit_events table. A tenant's chain is reached in that tenant's database scope only; the
 * platform chain (tenant_id NULL) in platform scope, which row-level security requires to see it.
 */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly scope: DatabaseScope) {}

  /** Runs `work` in the chain's own scope: the tenant's, or platform scope for the platform chain. */
  inChainScope<T>(tenantId: string | null, reason: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (tenantId === null) return this.scope.asPlatform(reason, work);
    assertTenantId(tenantId);
    return this.scope.forTenant(tenantId, work);
  }

  append(input: AuditEventInput): Promise<AuditEntry> {
    return this.inChainScope(input.tenantId, 'append to the platform audit chain', (tx) => this.appendIn(tx, input));
  }

  /**
   * Appends inside `tx` (which must be in the chain's scope): the chain's advisory lock
   * serializes appends, so seq has no gaps and prev_hash is the true previous hash.
   */
  async appendIn(tx: EntityManager, input: AuditEventInput): Promise<AuditEntry> {
    await tx.query(CHAIN_LOCK, [input.tenantId]);
    const last: Array<{ seq: string; hash: string }> = await tx.query(
      chainHeadSql(input.tenantId),
      [input.tenantId],
    );
    const withoutHash = {
      ...input,
      seq: last[0] ? Number(last[0].seq) + 1 : 1,
      at: canonicalTimestamp(new Date()),
      prevHash: last[0]?.hash ?? GENESIS_HASH,
    };
    const entry: AuditEntry = { ...withoutHash, hash: auditEntryHash(withoutHash) };
    await tx.query(
      `INSERT INTO audit_events (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        entry.tenantId,
        entry.seq,
        entry.at,
        entry.actorType,
        entry.actorId,
        entry.actorRole,
        entry.action,
        entry.resourceType,
        entry.resourceId,
        entry.outcome,
        entry.statusCode,
        entry.requestId,
        entry.clientIp,
        JSON.stringify(entry.details),
        entry.prevHash,
        entry.hash,
      ],
    );
    return entry;
  }

  /** Entries of a chain with seq > afterSeq, oldest first (for verification, in batches). */
  async chainBatch(tx: EntityManager, tenantId: string | null, afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows: AuditRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM audit_events WHERE ${inChain(tenantId)} AND seq > $2 ORDER BY seq ASC LIMIT $3`,
      [tenantId, afterSeq, limit],
    );
    return rows.map(auditEntryOf);
  }

  /** The newest entries of a chain, below seq `beforeSeq` when given. */
  async newest(tenantId: string | null, limit: number, beforeSeq: number | undefined): Promise<AuditEntry[]> {
    return this.inChainScope(tenantId, 'read the platform audit chain', async (tx) => {
      const rows: AuditRow[] = await tx.query(
        `SELECT ${COLUMNS} FROM audit_events WHERE ${inChain(tenantId)} AND ($2::bigint IS NULL OR seq < $2)
         ORDER BY seq DESC LIMIT $3`,
        [tenantId, beforeSeq ?? null, limit],
      );
      return rows.map(auditEntryOf);
    });
  }

  /**
   * Removes the chain's prefix older than `before` through the owner's purge_audit_events (which
   * refuses a cutoff younger than 6 years and a tenant on legal hold), inside `tx`.
   */
  async purgeIn(tx: EntityManager, tenantId: string | null, before: Date): Promise<{ purged: number; lastSeq: number | null; lastHash: string | null }> {
    const rows: Array<{ purged: string; last_seq: string | null; last_hash: string | null }> = await tx.query(
      `SELECT purged, last_seq, last_hash FROM purge_audit_events($1::uuid, $2::timestamptz)`,
      [tenantId, before],
    );
    const row = rows[0];
    return { purged: Number(row?.purged ?? 0), lastSeq: row?.last_seq ? Number(row.last_seq) : null, lastHash: row?.last_hash ?? null };
  }
}

export function auditEntryOf(row: AuditRow): AuditEntry {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    at: canonicalTimestamp(row.at),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    outcome: row.outcome,
    statusCode: row.status_code,
    requestId: row.request_id,
    clientIp: row.client_ip,
    details: row.details ?? {},
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

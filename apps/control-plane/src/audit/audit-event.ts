export const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Small, flat facts about an event: ids, counts, flags. Never PHI, request bodies or secrets. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** What a caller asks to record; the log adds the chain fields (seq, at, prev_hash, hash). */
export interface AuditEventInput {
  /** The chain: a tenant's id, or null for the platform chain. */
  tenantId: string | null;
  actorType: ActorType;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: AuditOutcome;
  statusCode: number | null;
  requestId: string | null;
  clientIp: string | null;
  details: AuditDetails;
}

/** One entry of a chain as stored and hashed. */
export interface AuditEntry extends AuditEventInput {
  seq: number;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
  prevHash: string;
  hash: string;
}

/** The prev_hash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Written by a retention purge: the entries up to `purgedThroughSeq` were removed on purpose. */
export const RETENTION_PURGED_ACTION = 'audit.retention_purged';

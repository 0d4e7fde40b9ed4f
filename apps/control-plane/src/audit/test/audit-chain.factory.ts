import { GENESIS_HASH, type AuditEntry } from '../audit-event';
import { auditEntryHash } from '../audit-hash';

/** An intact platform chain of `length` entries, seq 1 up, each linked to the one before. */
export function chain(length: number, actionAt: (seq: number) => string = (seq) => `POST /v1/x/${seq}`): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let seq = 1; seq <= length; seq += 1) entries.push(next(entries, { action: actionAt(seq) }));
  return entries;
}

/** The entry that follows `entries` in their chain, with `fields` changed before it is hashed. */
export function next(entries: AuditEntry[], fields: Partial<AuditEntry> = {}): AuditEntry {
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

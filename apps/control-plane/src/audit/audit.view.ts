import type { AuditEntry } from './audit-event';

export function auditEntryView(entry: AuditEntry) {
  return {
    seq: entry.seq,
    at: entry.at,
    tenantId: entry.tenantId,
    actor: { type: entry.actorType, id: entry.actorId, role: entry.actorRole },
    action: entry.action,
    resource: entry.resourceType || entry.resourceId ? { type: entry.resourceType, id: entry.resourceId } : null,
    outcome: entry.outcome,
    statusCode: entry.statusCode,
    requestId: entry.requestId,
    clientIp: entry.clientIp,
    details: entry.details,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit-event';

/** Version tag inside every hashed serialization, so the format can change without ambiguity. */
const FORMAT = 'ade-audit-v1';

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite numbers have no canonical form');
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units: the same order in every JavaScript engine.
  const keys = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(',')}}`;
}

/** Milliseconds, UTC, 'Z': the one form of a timestamp that is hashed. */
export function canonicalTimestamp(at: string | Date): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new Error('invalid audit timestamp');
  return date.toISOString();
}

/**
 * The bytes an entry's hash covers: a JSON array in a fixed field order (details with sorted
 * keys), including the previous entry's hash. Changing any field, or the order of the chain,
 * changes the hash.
 */
export function canonicalAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return canonicalJson([
    FORMAT,
    entry.tenantId,
    entry.seq,
    canonicalTimestamp(entry.at),
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
    entry.details,
    entry.prevHash,
  ]);
}

/** SHA-256 (hex) of the canonical serialization. */
export function auditEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditEntry(entry), 'utf8').digest('hex');
}

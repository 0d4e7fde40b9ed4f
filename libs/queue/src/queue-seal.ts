import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SealRefusal } from '@ade/contracts';
import { canonicalJson } from './canonical-json';
import type { QueueKeyring } from './queue-keyring';

/** The member of a job's or event's data that carries its seal; every contract forbids it otherwise. */
export const SEAL_FIELD = 'seal';

/**
 * How long after sealing a job or event is accepted. Longer than a run's retries and a stalled
 * job's restarts take, no longer than a finished job is kept (so a replay inside the lifetime
 * collides with the kept job's id and is not added again).
 */
export const SEAL_LIFETIME_MS = 24 * 3600_000;

/** Tolerated difference between the sealer's clock and the opener's. */
export const SEAL_CLOCK_SKEW_MS = 5 * 60_000;

/** Jobs are sealed by the control plane and opened by workers; events the other way round. */
export type SealPurpose = 'job' | 'event';

/** What a seal binds the payload to: its tenant's key, its queue entry's name and id. */
export interface SealTarget {
  tenantId: string;
  name: string;
  id: string;
}

interface SealHeader {
  v: 1;
  kid: string;
  /** Sealed at and valid until, epoch milliseconds. */
  iat: number;
  exp: number;
}

export type Opened = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: SealRefusal };

function macOf(key: Buffer, purpose: SealPurpose, target: SealTarget, header: SealHeader, payload: unknown): Buffer {
  const sealed = canonicalJson({ purpose, tenantId: target.tenantId.toLowerCase(), name: target.name, id: target.id, ...header, payload });
  return createHmac('sha256', key).update(sealed, 'utf8').digest();
}

/** The payload with its seal added, ready to be queued. Throws when the keyring has no key for the tenant. */
export function seal(keyring: QueueKeyring, purpose: SealPurpose, target: SealTarget, payload: object, now = Date.now()): Record<string, unknown> {
  const key = keyring.sealing(target.tenantId);
  if (!key) throw new Error(`no queue key is held for tenant ${target.tenantId}`);
  const header: SealHeader = { v: 1, kid: key.keyId, iat: now, exp: now + SEAL_LIFETIME_MS };
  return { ...payload, [SEAL_FIELD]: { ...header, mac: macOf(key.key, purpose, target, header, payload).toString('base64url') } };
}

function headerOf(value: unknown): (SealHeader & { mac: string }) | null {
  if (value === null || typeof value !== 'object') return null;
  const { v, kid, iat, exp, mac } = value as Record<string, unknown>;
  if (v !== 1 || typeof kid !== 'string' || typeof mac !== 'string') return null;
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) return null;
  return { v, kid, iat: iat as number, exp: exp as number, mac };
}

/**
 * Checks a received job's or event's data against its seal and returns the payload without it.
 * Nothing of the payload is trusted, or even parsed, before this says it may be.
 */
export function openSeal(keyring: QueueKeyring, purpose: SealPurpose, target: SealTarget, data: unknown, now = Date.now()): Opened {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, reason: 'unsealed' };
  const { [SEAL_FIELD]: sealValue, ...payload } = data as Record<string, unknown>;
  const header = headerOf(sealValue);
  if (!header) return { ok: false, reason: 'unsealed' };
  const key = keyring.opening(target.tenantId, header.kid);
  if (!key) return { ok: false, reason: 'unknown_key' };
  const { mac, ...signed } = header;
  const expected = macOf(key.key, purpose, target, signed, payload);
  const presented = Buffer.from(mac, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { ok: false, reason: 'forged' };
  if (header.exp <= now || header.iat > now + SEAL_CLOCK_SKEW_MS || header.exp - header.iat > SEAL_LIFETIME_MS) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

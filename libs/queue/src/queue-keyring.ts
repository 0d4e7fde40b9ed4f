import { createHmac } from 'node:crypto';
import type { KeyEntry } from '@ade/config';

/** A tenant's queue key under one signing key: all a dedicated worker needs for that tenant. */
export interface TenantQueueKey {
  tenantId: string;
  /** The signing key it was derived from, so a rotated key ring can tell keys apart. */
  keyId: string;
  key: Buffer;
}

/**
 * Derives a tenant's queue key from a platform signing key. One-way: holding one tenant's key
 * says nothing about another's, or about the signing key.
 */
export function deriveTenantQueueKey(signingKey: Buffer, keyId: string, tenantId: string): TenantQueueKey {
  const key = createHmac('sha256', signingKey).update(`ade/tenant-queue-key/v1/${tenantId.toLowerCase()}`).digest();
  return { tenantId: tenantId.toLowerCase(), keyId, key };
}

/**
 * The keys that seal and open jobs and events. The control plane and a pooled worker hold the
 * platform signing keys (QUEUE_SIGNING_KEYS) and derive any tenant's key; a dedicated worker holds
 * only its tenants' derived keys (WORKER_TENANT_KEYS). The first key listed seals; every key opens.
 */
export class QueueKeyring {
  private constructor(private readonly resolve: (tenantId: string) => TenantQueueKey[]) {}

  static fromSigningKeys(ring: readonly KeyEntry[]): QueueKeyring {
    const keys = ring.map((entry) => ({ id: entry.id, key: Buffer.from(entry.key.reveal(), 'base64') }));
    return new QueueKeyring((tenantId) => keys.map((entry) => deriveTenantQueueKey(entry.key, entry.id, tenantId)));
  }

  static fromTenantKeys(keys: readonly TenantQueueKey[]): QueueKeyring {
    return new QueueKeyring((tenantId) => keys.filter((entry) => entry.tenantId === tenantId.toLowerCase()));
  }

  /** The key that seals for a tenant, or null when this holder has none for it. */
  sealing(tenantId: string): TenantQueueKey | null {
    return this.resolve(tenantId)[0] ?? null;
  }

  /** The key a seal names for a tenant, or null when this holder has no such key. */
  opening(tenantId: string, keyId: string): TenantQueueKey | null {
    return this.resolve(tenantId).find((entry) => entry.keyId === keyId) ?? null;
  }

  holdsKeyFor(tenantId: string): boolean {
    return this.sealing(tenantId) !== null;
  }
}

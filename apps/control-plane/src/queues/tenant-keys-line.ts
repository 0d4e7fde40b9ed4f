import { isUuid } from '@ade/contracts';
import type { KeyEntry } from '@ade/config';
import { deriveTenantQueueKey } from '@ade/queue';

/** `WORKER_TENANT_KEYS=<tenantId>/<keyId>:<base64>,...` for the tenants, under every signing key of the ring. */
export function tenantKeysLine(ring: readonly KeyEntry[], tenants: readonly string[]): string {
  if (tenants.length === 0) throw new Error('name the tenant ids the worker serves: npm run queue-keys -- <tenantId>[,<tenantId>...]');
  const ids = tenants.map((tenantId) => tenantId.toLowerCase());
  ids.forEach((tenantId, index) => {
    if (!isUuid(tenantId)) throw new Error(`argument ${index + 1} is not a tenant id (UUID)`);
  });
  const entries = ring.flatMap((signing) =>
    ids.map((tenantId) => {
      const derived = deriveTenantQueueKey(Buffer.from(signing.key.reveal(), 'base64'), signing.id, tenantId);
      return `${derived.tenantId}/${derived.keyId}:${derived.key.toString('base64')}`;
    }),
  );
  return `WORKER_TENANT_KEYS=${entries.join(',')}`;
}

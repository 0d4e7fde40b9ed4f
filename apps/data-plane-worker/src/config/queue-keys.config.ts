import { z } from 'zod';
import { isUuid } from '@ade/contracts';
import { ConfigError, envKeyRing, key32, KEY_ID } from '@ade/config';
import { QueueKeyring, type TenantQueueKey } from '@ade/queue';

/**
 * `WORKER_TENANT_KEYS=<tenantId>/<keyId>:<base64 key>[,...]`, as `npm run queue-keys -- <tenantId>...`
 * prints them: a dedicated worker's keys, one per tenant it serves (two during a key rotation).
 * Problems name the entry by position, never the key.
 */
const tenantKeys = z.string().transform((value, ctx): TenantQueueKey[] => {
  const keys: TenantQueueKey[] = [];
  value.split(',').forEach((raw, index) => {
    const match = /^([^/]*)\/([^:]*):(.*)$/.exec(raw.trim());
    const tenantId = match?.[1]?.toLowerCase() ?? '';
    const keyId = match?.[2] ?? '';
    const key = key32(match?.[3] ?? '');
    if (!isUuid(tenantId) || !KEY_ID.test(keyId) || key === null) {
      ctx.addIssue({ code: 'custom', message: `entry ${index + 1}: must be <tenantId>/<keyId>:<base64 32-byte key>, as npm run queue-keys prints it` });
      return;
    }
    if (keys.some((k) => k.tenantId === tenantId && k.keyId === keyId)) {
      ctx.addIssue({ code: 'custom', message: `entry ${index + 1}: tenant ${tenantId} has key '${keyId}' twice` });
      return;
    }
    keys.push({ tenantId, keyId, key });
  });
  return keys;
});

export const queueKeysEnvSchema = z.object({
  QUEUE_SIGNING_KEYS: envKeyRing.optional(),
  WORKER_TENANT_KEYS: tenantKeys.optional(),
});

/**
 * The keys a worker opens jobs and seals events with. A pooled worker (WORKER_TENANTS=all) needs
 * the platform's QUEUE_SIGNING_KEYS; a dedicated one is better given only its tenants' keys
 * (WORKER_TENANT_KEYS), and must hold one for every tenant it serves.
 */
export function queueKeyringFromEnv(env: z.infer<typeof queueKeysEnvSchema>, tenants: 'all' | string[]): QueueKeyring {
  if (env.QUEUE_SIGNING_KEYS !== undefined && env.WORKER_TENANT_KEYS !== undefined) {
    throw new ConfigError(['WORKER_TENANT_KEYS: set either it or QUEUE_SIGNING_KEYS, not both']);
  }
  if (env.QUEUE_SIGNING_KEYS !== undefined) return QueueKeyring.fromSigningKeys(env.QUEUE_SIGNING_KEYS);
  if (env.WORKER_TENANT_KEYS === undefined) {
    throw new ConfigError(['QUEUE_SIGNING_KEYS: is required (or WORKER_TENANT_KEYS for a worker serving a list of tenants)']);
  }
  if (tenants === 'all') throw new ConfigError(['WORKER_TENANT_KEYS: a worker serving all tenants needs QUEUE_SIGNING_KEYS instead']);
  const keyring = QueueKeyring.fromTenantKeys(env.WORKER_TENANT_KEYS);
  const missing = tenants.filter((tenantId) => !keyring.holdsKeyFor(tenantId));
  if (missing.length > 0) throw new ConfigError([`WORKER_TENANT_KEYS: holds no key for served tenant(s) ${missing.join(', ')}`]);
  return keyring;
}

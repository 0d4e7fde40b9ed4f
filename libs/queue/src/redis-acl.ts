import { EVENTS_QUEUE, tenantQueueName, tenantRegistryKey } from '@ade/contracts';

/** Who a Redis user is for: a worker serving some tenants (or all), or the control plane. */
export type RedisRole = { kind: 'worker'; tenants: 'all' | readonly string[] } | { kind: 'control-plane' };

/**
 * Commands every plane needs beyond the data commands: INFO (BullMQ's version check, our
 * eviction-policy check) and naming its own connection (BullMQ names worker connections after
 * their queue). Everything administrative or dangerous (ACL, CONFIG, KEYS, FLUSHALL, DEBUG,
 * MONITOR, CLIENT KILL, ...) stays out, and so do SCAN and RANDOMKEY, which list key names
 * whatever the key patterns allow (ids of other tenants' runs).
 */
const COMMANDS = ['+@all', '-@dangerous', '-@admin', '-scan', '-randomkey', '+info', '+client|setname', '+client|getname', '+client|id'];

/**
 * The `ACL SETUSER` rules of a plane's Redis user (after `on`, a password and `reset`). A worker
 * reaches its tenants' queues and the events queue, and reads the tenant registry when it serves
 * all tenants; nothing else, so a worker of tenant A cannot read or add to tenant B's queue. The
 * control plane reaches everything under the queue prefix. Pub/Sub channels: none (BullMQ does
 * not use them).
 */
export function redisAclRules(prefix: string, role: RedisRole): string[] {
  const keys =
    role.kind === 'control-plane'
      ? [`~${prefix}:*`]
      : [
          ...(role.tenants === 'all' ? [`~${prefix}:${tenantQueueName('')}*`, `%R~${tenantRegistryKey(prefix)}`] : role.tenants.map((tenantId) => `~${prefix}:${tenantQueueName(tenantId.toLowerCase())}:*`)),
          `~${prefix}:${EVENTS_QUEUE}:*`,
        ];
  return ['resetchannels', ...keys, ...COMMANDS];
}

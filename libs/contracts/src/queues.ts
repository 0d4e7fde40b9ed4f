/**
 * Queue topology. Each tenant has its own run queue so a worker can be given exactly the
 * tenants it may serve; everything workers report flows back over one events queue.
 */
export const EVENTS_QUEUE = 'events';
export const SCHEDULES_QUEUE = 'schedules';
/** The control plane's own Stripe work (accounts, usage reports); no worker may reach it. */
export const BILLING_QUEUE = 'billing';

const TENANT_QUEUE_PREFIX = 'tenant-';

export function tenantQueueName(tenantId: string): string {
  return `${TENANT_QUEUE_PREFIX}${tenantId}`;
}

export function tenantIdFromQueueName(queueName: string): string | null {
  return queueName.startsWith(TENANT_QUEUE_PREFIX) ? queueName.slice(TENANT_QUEUE_PREFIX.length) : null;
}

/** Redis set of tenant ids with a run queue, read by pooled workers to find their queues. */
export function tenantRegistryKey(queuePrefix: string): string {
  return `${queuePrefix}:registry:tenants`;
}

/** Retry delay strategy for pipeline runs, implemented by the workers (full jitter). */
export const RUN_BACKOFF_STRATEGY = 'fullJitter';

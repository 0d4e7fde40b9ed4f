import { describe, expect, it } from 'vitest';
import { EVENTS_QUEUE, RUN_BACKOFF_STRATEGY, SCHEDULES_QUEUE, tenantIdFromQueueName, tenantQueueName, tenantRegistryKey } from './queues';

const tenantId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

describe('queue names', () => {
  it('keeps the shared queue names and the backoff strategy that producers and workers agree on', () => {
    expect(EVENTS_QUEUE).toBe('events');
    expect(SCHEDULES_QUEUE).toBe('schedules');
    expect(RUN_BACKOFF_STRATEGY).toBe('fullJitter');
  });

  it("names a tenant's run queue after the tenant and reads the tenant back", () => {
    expect(tenantQueueName(tenantId)).toBe(`tenant-${tenantId}`);
    expect(tenantIdFromQueueName(tenantQueueName(tenantId))).toBe(tenantId);
  });

  it.each([EVENTS_QUEUE, SCHEDULES_QUEUE, `x-tenant-${tenantId}`, `${tenantId}-tenant-`, 'tenant', 'Tenant-abc', ''])('reads no tenant from %j', (name) => {
    expect(tenantIdFromQueueName(name)).toBeNull();
  });

  it('reads whatever follows the prefix, even nothing', () => {
    expect(tenantIdFromQueueName('tenant-')).toBe('');
    expect(tenantIdFromQueueName('tenant-tenant-x')).toBe('tenant-x');
  });

  it('keeps the tenant registry under the queue prefix', () => {
    expect(tenantRegistryKey('bull')).toBe('bull:registry:tenants');
    expect(tenantRegistryKey('ade-test')).toBe('ade-test:registry:tenants');
  });
});

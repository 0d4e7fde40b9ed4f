import type Redis from 'ioredis';
import { tenantRegistryKey } from '@ade/contracts';

/**
 * The tenants that have a run queue. The control plane registers a tenant when it is created;
 * pooled workers read the set to know which queues to serve. Ids only.
 */
export class TenantRegistry {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    queuePrefix: string,
  ) {
    this.key = tenantRegistryKey(queuePrefix);
  }

  async register(tenantId: string): Promise<void> {
    await this.redis.sadd(this.key, tenantId);
  }

  async list(): Promise<string[]> {
    return (await this.redis.smembers(this.key)).sort();
  }
}

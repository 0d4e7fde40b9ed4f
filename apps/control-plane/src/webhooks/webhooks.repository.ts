import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { assertTenantId, TenantScopedRepository } from '../database/tenant-scoped.repository';
import { WebhookEndpoint } from './webhook-endpoint.entity';

@Injectable()
export class WebhookEndpointsRepository extends TenantScopedRepository<WebhookEndpoint> {
  constructor(@InjectRepository(WebhookEndpoint) repository: Repository<WebhookEndpoint>) {
    super(repository);
  }

  /** A tenant has at most one endpoint. */
  forTenant(tenantId: string): Promise<WebhookEndpoint | null> {
    return this.findOne(tenantId, {});
  }

  async removeForTenant(tenantId: string): Promise<boolean> {
    const result = await this.inScope(tenantId, (repository) => repository.delete({ tenantId }));
    return (result.affected ?? 0) > 0;
  }

  /** Whether the tenant has an endpoint, read inside the caller's transaction. */
  async existsIn(tx: EntityManager, tenantId: string): Promise<boolean> {
    assertTenantId(tenantId);
    const rows: unknown[] = await tx.query(`SELECT 1 FROM webhook_endpoints WHERE tenant_id = $1`, [tenantId]);
    return rows.length > 0;
  }
}

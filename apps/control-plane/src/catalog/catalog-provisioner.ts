import { Injectable, Logger } from '@nestjs/common';
import { TenantRegistry } from '@ade/queue';
import { TenantQueues } from '../queues/tenant-queues';
import type { Tenant } from '../tenants/tenant.entity';
import { TenantsRepository } from '../tenants/tenants.repository';

/**
 * Asks the tenant's data plane to create its catalog. The control plane never touches catalog
 * files itself; it records the request and learns the outcome from a worker event.
 */
@Injectable()
export class CatalogProvisioner {
  private readonly logger = new Logger(CatalogProvisioner.name);

  constructor(
    private readonly queues: TenantQueues,
    private readonly registry: TenantRegistry,
    private readonly tenants: TenantsRepository,
  ) {}

  /** Never throws for a queue outage: the tenant's catalog status records it for the caller to see. */
  async provision(tenant: Tenant): Promise<Tenant> {
    await this.tenants.setCatalogStatus(tenant.id, 'provisioning', null);
    tenant.catalogStatus = 'provisioning';
    tenant.catalogError = null;
    try {
      await this.registry.register(tenant.id);
      await this.queues.dispatch(
        tenant.id,
        { name: 'catalog.provision', data: { tenantId: tenant.id, catalogName: tenant.catalogName } },
        { jobId: `catalog-provision.${tenant.id}.${Date.now()}`, attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
      );
    } catch (error) {
      this.logger.error({ msg: 'could not dispatch catalog provisioning', tenantId: tenant.id, error: (error as Error).message });
      const reason = 'the job queue could not be reached; a tenant admin can retry with `ade catalog init`';
      await this.tenants.setCatalogStatus(tenant.id, 'failed', reason);
      tenant.catalogStatus = 'failed';
      tenant.catalogError = reason;
    }
    return tenant;
  }
}

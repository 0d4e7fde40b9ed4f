import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/app-error';
import { TenantQueues } from '../queues/tenant-queues';
import { TenantsRepository } from '../tenants/tenants.repository';
import { CatalogHealthCheck } from './catalog-health-check.entity';
import { CatalogHealthChecksRepository } from './catalog-health-checks.repository';

/** Asks the tenant's data plane to take stock of its catalog; the control plane never opens it. */
@Injectable()
export class CatalogHealthService {

  constructor(
    private readonly checks: CatalogHealthChecksRepository,
    private readonly tenants: TenantsRepository,
    private readonly queues: TenantQueues,
  ) {}

  /**
   * Records the check, then queues it; a queue outage fails it visibly. `catalog`, when given, must
   * be the tenant's own: any other name is a 404, as another tenant's resource would be.
   */
  async request(tenantId: string, requestedBy: string, catalog?: string): Promise<CatalogHealthCheck> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant || (catalog !== undefined && catalog !== tenant.catalogName)) throw new NotFoundError('catalog');
    const check = Object.assign(new CatalogHealthCheck(), {
      id: randomUUID(),
      tenantId,
      status: 'queued' as const,
      report: null,
      errorCode: null,
      errorMessage: null,
      requestedBy,
      requestedAt: new Date(),
      finishedAt: null,
    });
    await this.checks.insert(tenantId, check);
    await this.queues.dispatchRecorded(tenantId, { name: 'catalog.health', data: { tenantId, checkId: check.id, catalogName: tenant.catalogName } }, {
      id: check.id,
      what: 'health check',
      markFailed: (failure) => this.checks.markFailed(tenantId, check.id, failure, new Date()),
    });
    return check;
  }

  async get(tenantId: string, id: string): Promise<CatalogHealthCheck> {
    const check = await this.checks.findById(tenantId, id);
    if (!check) throw new NotFoundError('health check');
    return check;
  }

  async latest(tenantId: string): Promise<CatalogHealthCheck> {
    const check = await this.checks.latestReported(tenantId);
    if (!check) throw new NotFoundError('health check');
    return check;
  }
}

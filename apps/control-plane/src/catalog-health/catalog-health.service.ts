import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError, UnavailableError } from '../common/app-error';
import { TenantQueues } from '../queues/tenant-queues';
import { TenantsRepository } from '../tenants/tenants.repository';
import { CatalogHealthCheck } from './catalog-health-check.entity';
import { CatalogHealthChecksRepository } from './catalog-health-checks.repository';

/** Asks the tenant's data plane to take stock of its catalog; the control plane never opens it. */
@Injectable()
export class CatalogHealthService {
  private readonly logger = new Logger(CatalogHealthService.name);

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
    try {
      await this.queues.dispatch(
        tenantId,
        { name: 'catalog.health', data: { tenantId, checkId: check.id, catalogName: tenant.catalogName } },
        { jobId: check.id, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
      );
    } catch (error) {
      this.logger.error({ msg: 'catalog health dispatch failed', tenantId, checkId: check.id, error: (error as Error).message });
      await this.checks.markFailed(tenantId, check.id, { code: 'dispatch_failed', message: 'the job queue could not be reached' }, new Date());
      throw new UnavailableError('the health check could not be queued; it is recorded as failed, try again shortly');
    }
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

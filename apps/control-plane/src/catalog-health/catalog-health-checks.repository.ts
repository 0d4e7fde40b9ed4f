import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { EventData } from '@ade/contracts';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { CatalogHealthCheck } from './catalog-health-check.entity';

/** Health checks and their outcomes; a reported check never changes again, so a repeated event is inert. */
@Injectable()
export class CatalogHealthChecksRepository extends TenantScopedRepository<CatalogHealthCheck> {
  constructor(@InjectRepository(CatalogHealthCheck) repository: Repository<CatalogHealthCheck>) {
    super(repository);
  }

  async markReported(event: EventData<'catalog.health_reported'>): Promise<void> {
    await this.query(event.tenantId,
      `UPDATE catalog_health_checks SET status = 'reported', report = $3, error_code = NULL, error_message = NULL, finished_at = $4
       WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'failed')`,
      [event.tenantId, event.checkId, JSON.stringify(event.report), event.at],
    );
  }

  async markFailed(tenantId: string, checkId: string, error: { code: string; message: string }, at: string | Date): Promise<void> {
    await this.query(tenantId,
      `UPDATE catalog_health_checks SET status = 'failed', error_code = $3, error_message = $4, finished_at = $5
       WHERE tenant_id = $1 AND id = $2 AND status = 'queued'`,
      [tenantId, checkId, error.code, error.message, at],
    );
  }

  /** The newest check the worker reported on. */
  async latestReported(tenantId: string): Promise<CatalogHealthCheck | null> {
    const [latest] = await this.find(tenantId, { where: { status: 'reported' }, order: { requestedAt: 'DESC' }, take: 1 });
    return latest ?? null;
  }
}

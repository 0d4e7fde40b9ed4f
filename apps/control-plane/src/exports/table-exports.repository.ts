import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { EventData } from '@ade/contracts';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { TableExport } from './table-export.entity';

/**
 * Table exports and their outcomes. Both transitions leave only `queued`, so a repeated or late
 * event is inert: a completed export never changes again, nor does a failed one.
 */
@Injectable()
export class TableExportsRepository extends TenantScopedRepository<TableExport> {
  constructor(@InjectRepository(TableExport) repository: Repository<TableExport>) {
    super(repository);
  }

  async markCompleted(event: EventData<'export.completed'>): Promise<void> {
    await this.query(event.tenantId,
      `UPDATE table_exports SET status = 'completed', row_count = $3, bytes = $4, sha256 = $5, finished_at = $6
       WHERE tenant_id = $1 AND id = $2 AND status = 'queued'`,
      [event.tenantId, event.exportId, event.rowCount, event.bytes, event.sha256, event.at],
    );
  }

  async markFailed(tenantId: string, exportId: string, error: { code: string; message: string }, at: string | Date): Promise<void> {
    await this.query(tenantId,
      `UPDATE table_exports SET status = 'failed', error_code = $3, error_message = $4, finished_at = $5
       WHERE tenant_id = $1 AND id = $2 AND status = 'queued'`,
      [tenantId, exportId, error.code, error.message, at],
    );
  }

  /** Newest first. */
  recent(tenantId: string, limit: number): Promise<TableExport[]> {
    return this.find(tenantId, { order: { requestedAt: 'DESC', id: 'DESC' }, take: limit });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { EventData } from '@ade/contracts';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { ConnectorCheck } from './connector-check.entity';

/** Connector checks and their outcomes; a reported check never changes again, so a repeated event is inert. */
@Injectable()
export class ConnectorChecksRepository extends TenantScopedRepository<ConnectorCheck> {
  constructor(@InjectRepository(ConnectorCheck) repository: Repository<ConnectorCheck>) {
    super(repository);
  }

  async markReported(event: EventData<'connector.checked'>): Promise<void> {
    await this.query(event.tenantId,
      `UPDATE connector_checks SET status = 'reported', file_count = $4, total_bytes = $5, files = $6,
              error_code = NULL, error_message = NULL, finished_at = $7
       WHERE tenant_id = $1 AND id = $2 AND connector_id = $3 AND status IN ('queued', 'failed')`,
      [event.tenantId, event.checkId, event.connectorId, event.fileCount, event.totalBytes, JSON.stringify(event.files), event.at],
    );
  }

  /** `connectorId` null: whichever connector the check is of (the control plane's own dispatch failure). */
  async markFailed(tenantId: string, checkId: string, connectorId: string | null, error: { code: string; message: string }, at: string | Date): Promise<void> {
    await this.query(tenantId,
      `UPDATE connector_checks SET status = 'failed', error_code = $4, error_message = $5, finished_at = $6
       WHERE tenant_id = $1 AND id = $2 AND ($3::uuid IS NULL OR connector_id = $3) AND status = 'queued'`,
      [tenantId, checkId, connectorId, error.code, error.message, at],
    );
  }
}

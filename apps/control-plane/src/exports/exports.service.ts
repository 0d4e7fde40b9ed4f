import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { parseTableName } from '@ade/contracts';
import { InvalidFieldError, NotFoundError, UnavailableError } from '../common/app-error';
import { ConnectorsRepository } from '../connectors/connectors.repository';
import { isForeignKeyViolation } from '../database/unique-violation';
import { TenantQueues } from '../queues/tenant-queues';
import { TenantsRepository } from '../tenants/tenants.repository';
import type { CreateExportDto } from './dto/create-export.dto';
import { TableExport } from './table-export.entity';
import { TableExportsRepository } from './table-exports.repository';

/**
 * Table exports: the control plane records the request and queues a `table.export` job for the
 * tenant's worker, which reads the table and writes it through the connector; only counts and a
 * digest come back. The control plane never reads the table nor logs in to the connector.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    private readonly exports: TableExportsRepository,
    private readonly tenants: TenantsRepository,
    private readonly connectors: ConnectorsRepository,
    private readonly queues: TenantQueues,
  ) {}

  /** Records the export, then queues it; a queue outage fails it visibly (503). */
  async request(tenantId: string, dto: CreateExportDto, requestedBy: string): Promise<TableExport> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    if (parseTableName(dto.table)?.catalog !== tenant.catalogName) {
      throw new InvalidFieldError('table', `catalog must be this tenant's catalog '${tenant.catalogName}'`);
    }
    // Another tenant's connector is as unknown as one that does not exist.
    if (!(await this.connectors.findById(tenantId, dto.connectorId))) throw new InvalidFieldError('connectorId', 'no such connector');

    const entry = Object.assign(new TableExport(), {
      id: randomUUID(),
      tenantId,
      connectorId: dto.connectorId,
      table: dto.table,
      path: dto.path,
      format: dto.format,
      where: dto.where,
      status: 'queued' as const,
      rowCount: null,
      bytes: null,
      sha256: null,
      errorCode: null,
      errorMessage: null,
      requestedBy,
      requestedAt: new Date(),
      finishedAt: null,
    });
    try {
      await this.exports.insert(tenantId, entry);
    } catch (error) {
      // The connector was deleted between the look and the insert (the foreign key is per tenant too).
      if (isForeignKeyViolation(error, 'table_exports_connector_fkey')) throw new InvalidFieldError('connectorId', 'no such connector');
      throw error;
    }
    try {
      await this.queues.dispatch(
        tenantId,
        {
          name: 'table.export',
          data: {
            tenantId,
            exportId: entry.id,
            catalogName: tenant.catalogName,
            table: entry.table,
            connectorId: entry.connectorId,
            path: entry.path,
            format: entry.format,
            where: entry.where,
          },
        },
        { jobId: entry.id, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
      );
    } catch (error) {
      this.logger.error({ msg: 'table export dispatch failed', tenantId, exportId: entry.id, connectorId: entry.connectorId, error: (error as Error).message });
      await this.exports.markFailed(tenantId, entry.id, { code: 'dispatch_failed', message: 'the job queue could not be reached' }, new Date());
      throw new UnavailableError('the export could not be queued; it is recorded as failed, try again shortly');
    }
    return entry;
  }

  list(tenantId: string, limit: number): Promise<TableExport[]> {
    return this.exports.recent(tenantId, limit);
  }

  async get(tenantId: string, id: string): Promise<TableExport> {
    const entry = await this.exports.findById(tenantId, id);
    if (!entry) throw new NotFoundError('export');
    return entry;
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parseTableName } from '@ade/contracts';
import { InvalidFieldError, NotFoundError } from '../common/app-error';
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
    const job = {
      name: 'table.export' as const,
      data: { tenantId, exportId: entry.id, catalogName: tenant.catalogName, table: entry.table, connectorId: entry.connectorId, path: entry.path, format: entry.format, where: entry.where },
    };
    await this.queues.dispatchRecorded(tenantId, job, { id: entry.id, what: 'export', markFailed: (failure) => this.exports.markFailed(tenantId, entry.id, failure, new Date()) });
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

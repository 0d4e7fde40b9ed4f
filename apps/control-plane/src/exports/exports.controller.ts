import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentUser, Roles, TenantScope } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { createExportSchema, listExportsQuerySchema, type CreateExportDto, type ListExportsQuery } from './dto/create-export.dto';
import { ExportsService } from './exports.service';
import { tableExportView } from './table-export.view';

const exportId = new ResourceIdPipe('export');

/** Exports of the tenant's silver and gold tables to its own storage, through one of its connectors. */
@Controller('v1/exports')
@Roles('tenant_admin', 'tenant_viewer')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  /** Records the export and queues it for the tenant's worker; poll GET /v1/exports/:id. */
  @Post()
  @HttpCode(202)
  @Roles('tenant_admin')
  async create(@TenantScope() tenantId: string, @CurrentUser() caller: AuthUser, @Body({ schema: createExportSchema }) dto: CreateExportDto) {
    return tableExportView(await this.exports.request(tenantId, dto, caller.userId));
  }

  @Get()
  async list(@TenantScope() tenantId: string, @Query({ schema: listExportsQuerySchema }) query: ListExportsQuery) {
    return { items: (await this.exports.list(tenantId, query.limit)).map(tableExportView) };
  }

  @Get(':id')
  async get(@TenantScope() tenantId: string, @Param('id', exportId) id: string) {
    return tableExportView(await this.exports.get(tenantId, id));
  }
}

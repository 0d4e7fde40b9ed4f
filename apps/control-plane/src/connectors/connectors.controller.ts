import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentUser, Roles, TenantScope } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { connectorCheckView, connectorView } from './connector.view';
import { ConnectorsService } from './connectors.service';
import { createConnectorSchema, listConnectorsQuerySchema, type CreateConnectorDto, type ListConnectorsQuery } from './dto/create-connector.dto';

const connectorId = new ResourceIdPipe('connector');
const checkId = new ResourceIdPipe('connector check');

/** A tenant's SFTP servers and S3 buckets, their secrets shown masked only, and checks of them. */
@Controller('v1/connectors')
@Roles('tenant_admin', 'tenant_viewer')
export class ConnectorsController {
  constructor(private readonly connectors: ConnectorsService) {}

  @Post()
  @Roles('tenant_admin')
  async create(@TenantScope() tenantId: string, @Body({ schema: createConnectorSchema }) dto: CreateConnectorDto) {
    return connectorView(await this.connectors.create(tenantId, dto));
  }

  @Get()
  async list(@TenantScope() tenantId: string, @Query({ schema: listConnectorsQuerySchema }) query: ListConnectorsQuery) {
    return { items: (await this.connectors.list(tenantId, query.name)).map(connectorView) };
  }

  @Get(':id')
  async get(@TenantScope() tenantId: string, @Param('id', connectorId) id: string) {
    return connectorView(await this.connectors.get(tenantId, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('tenant_admin')
  async delete(@TenantScope() tenantId: string, @Param('id', connectorId) id: string): Promise<void> {
    await this.connectors.delete(tenantId, id);
  }

  /** Logs in with the connector's credentials on the tenant's worker and lists what a run would consider. */
  @Post(':id/checks')
  @HttpCode(202)
  @Roles('tenant_admin')
  async check(@TenantScope() tenantId: string, @CurrentUser() caller: AuthUser, @Param('id', connectorId) id: string) {
    return connectorCheckView(await this.connectors.requestCheck(tenantId, id, caller.userId));
  }

  @Get(':id/checks/:checkId')
  async getCheck(@TenantScope() tenantId: string, @Param('id', connectorId) id: string, @Param('checkId', checkId) check: string) {
    return connectorCheckView(await this.connectors.getCheck(tenantId, id, check));
  }
}

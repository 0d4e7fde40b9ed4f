import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { CurrentUser, Roles, TenantScope } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { putMappingSchema, type PutMappingDto } from './dto/put-mapping.dto';
import { PipelineMappingsService } from './pipeline-mappings.service';

const pipelineId = new ResourceIdPipe('pipeline');

/** The column mapping of a pipeline whose files are in no known layout: show, accept, edit. */
@Controller('v1/pipelines/:id/mapping')
@Roles('tenant_admin', 'tenant_viewer')
export class PipelineMappingsController {
  constructor(private readonly mappings: PipelineMappingsService) {}

  @Get()
  show(@TenantScope() tenantId: string, @Param('id', pipelineId) id: string) {
    return this.mappings.show(tenantId, id);
  }

  @Post('accept')
  @Roles('tenant_admin')
  accept(@TenantScope() tenantId: string, @CurrentUser() caller: AuthUser, @Param('id', pipelineId) id: string) {
    return this.mappings.acceptProposal(tenantId, id, caller.userId);
  }

  @Put()
  @Roles('tenant_admin')
  put(@TenantScope() tenantId: string, @CurrentUser() caller: AuthUser, @Param('id', pipelineId) id: string, @Body({ schema: putMappingSchema }) dto: PutMappingDto) {
    return this.mappings.put(tenantId, id, dto.columns, caller.userId);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { createPipelineSchema, listPipelinesQuerySchema, type CreatePipelineDto, type ListPipelinesQuery } from './dto/create-pipeline.dto';
import { updatePipelineSchema, type UpdatePipelineDto } from './dto/update-pipeline.dto';
import { pipelineView } from './pipeline.view';
import { PipelinesService } from './pipelines.service';

const pipelineId = new ResourceIdPipe('pipeline');

@Controller('v1/pipelines')
@Roles('tenant_admin', 'tenant_viewer')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Post()
  @Roles('tenant_admin')
  async create(@TenantScope() tenantId: string, @Body({ schema: createPipelineSchema }) dto: CreatePipelineDto) {
    return pipelineView(await this.pipelines.create(tenantId, dto));
  }

  @Get()
  async list(@TenantScope() tenantId: string, @Query({ schema: listPipelinesQuerySchema }) query: ListPipelinesQuery) {
    return { items: (await this.pipelines.list(tenantId, query.name)).map(pipelineView) };
  }

  @Get(':id')
  async get(@TenantScope() tenantId: string, @Param('id', pipelineId) id: string) {
    return pipelineView(await this.pipelines.get(tenantId, id));
  }

  @Patch(':id')
  @Roles('tenant_admin')
  async update(
    @TenantScope() tenantId: string,
    @Param('id', pipelineId) id: string,
    @Body({ schema: updatePipelineSchema }) patch: UpdatePipelineDto,
  ) {
    return pipelineView(await this.pipelines.update(tenantId, id, patch));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('tenant_admin')
  async delete(@TenantScope() tenantId: string, @Param('id', pipelineId) id: string): Promise<void> {
    await this.pipelines.delete(tenantId, id);
  }
}

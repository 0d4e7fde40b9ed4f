import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentUser, Roles, TenantScope } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { PipelinesService } from '../pipelines/pipelines.service';
import { listRunsQuerySchema, type ListRunsQuery } from './dto/list-runs.dto';
import { runView } from './run.view';
import { RunsService } from './runs.service';

@Controller('v1')
@Roles('tenant_admin', 'tenant_viewer')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly pipelines: PipelinesService,
  ) {}

  @Post('pipelines/:id/runs')
  @HttpCode(202)
  @Roles('tenant_admin')
  async trigger(
    @TenantScope() tenantId: string,
    @CurrentUser() caller: AuthUser,
    @Param('id', new ResourceIdPipe('pipeline')) pipelineId: string,
  ) {
    return runView(await this.runs.trigger(tenantId, pipelineId, 'manual', caller.userId));
  }

  @Get('pipelines/:id/runs')
  async listForPipeline(
    @TenantScope() tenantId: string,
    @Param('id', new ResourceIdPipe('pipeline')) pipelineId: string,
    @Query({ schema: listRunsQuerySchema }) query: ListRunsQuery,
  ) {
    await this.pipelines.get(tenantId, pipelineId);
    return { items: (await this.runs.list(tenantId, { ...query, pipelineId })).map(runView) };
  }

  @Get('runs')
  async list(@TenantScope() tenantId: string, @Query({ schema: listRunsQuerySchema }) query: ListRunsQuery) {
    return { items: (await this.runs.list(tenantId, query)).map(runView) };
  }

  @Get('runs/:id')
  async get(@TenantScope() tenantId: string, @Param('id', new ResourceIdPipe('run')) id: string) {
    return runView(await this.runs.get(tenantId, id));
  }
}

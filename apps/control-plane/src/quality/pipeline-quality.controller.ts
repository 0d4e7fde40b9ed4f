import { Controller, Get, Param, Query } from '@nestjs/common';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { PipelinesService } from '../pipelines/pipelines.service';
import { pipelineQualityQuerySchema, type PipelineQualityQuery } from './dto/quality-queries.dto';
import { QualityReportsRepository } from './quality-reports.repository';
import { pipelineReportView } from './quality.view';

/** A pipeline's quality reports, newest first: the layout each run's files were read as, rows and score. */
@Controller('v1/pipelines/:id')
@Roles('tenant_admin', 'tenant_viewer')
export class PipelineQualityController {
  constructor(
    private readonly reports: QualityReportsRepository,
    private readonly pipelines: PipelinesService,
  ) {}

  @Get('quality')
  async history(
    @TenantScope() tenantId: string,
    @Param('id', new ResourceIdPipe('pipeline')) pipelineId: string,
    @Query({ schema: pipelineQualityQuerySchema }) query: PipelineQualityQuery,
  ) {
    await this.pipelines.get(tenantId, pipelineId);
    return { items: (await this.reports.forPipeline(tenantId, pipelineId, query.limit)).map(pipelineReportView) };
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { PipelinesService } from '../pipelines/pipelines.service';
import { incidentView, summaryView } from './incident.view';
import { IncidentsRepository } from './incidents.repository';

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();
type ListQuery = z.infer<typeof listQuerySchema>;

/** What the healing agent did, per pipeline and across the tenant, with the auto-resolution rate. */
@Controller('v1')
@Roles('tenant_admin', 'tenant_viewer')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly pipelines: PipelinesService,
  ) {}

  @Get('pipelines/:id/incidents')
  async forPipeline(
    @TenantScope() tenantId: string,
    @Param('id', new ResourceIdPipe('pipeline')) pipelineId: string,
    @Query({ schema: listQuerySchema }) query: ListQuery,
  ) {
    await this.pipelines.get(tenantId, pipelineId);
    const items = await this.incidents.find(tenantId, { where: { pipelineId }, order: { occurredAt: 'DESC' }, take: query.limit });
    return { summary: summaryView(await this.incidents.tally(tenantId, pipelineId)), items: items.map(incidentView) };
  }

  @Get('incidents')
  async forTenant(@TenantScope() tenantId: string, @Query({ schema: listQuerySchema }) query: ListQuery) {
    const items = await this.incidents.find(tenantId, { order: { occurredAt: 'DESC' }, take: query.limit });
    return { summary: summaryView(await this.incidents.tally(tenantId, null)), items: items.map(incidentView) };
  }
}

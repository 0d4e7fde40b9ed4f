import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { PipelinesService } from '../pipelines/pipelines.service';
import { SchemaDriftRepository } from './schema-drift.repository';

const driftQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();
type DriftQuery = z.infer<typeof driftQuerySchema>;

/** The schema versions a pipeline's files have had, and every drift report with its decision. */
@Controller('v1/pipelines/:id')
@Roles('tenant_admin', 'tenant_viewer')
export class SchemaDriftController {
  constructor(
    private readonly drift: SchemaDriftRepository,
    private readonly pipelines: PipelinesService,
  ) {}

  @Get('drift')
  async events(
    @TenantScope() tenantId: string,
    @Param('id', new ResourceIdPipe('pipeline')) pipelineId: string,
    @Query({ schema: driftQuerySchema }) query: DriftQuery,
  ) {
    await this.pipelines.get(tenantId, pipelineId);
    return { items: await this.drift.driftEvents(tenantId, pipelineId, query.limit) };
  }

  @Get('schema-versions')
  async versions(@TenantScope() tenantId: string, @Param('id', new ResourceIdPipe('pipeline')) pipelineId: string) {
    await this.pipelines.get(tenantId, pipelineId);
    return { items: await this.drift.versions(tenantId, pipelineId) };
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { anomaliesQuerySchema, trendsQuerySchema, type AnomaliesQuery, type TrendsQuery } from './dto/quality-queries.dto';
import { QualityService } from './quality.service';

/**
 * Quality reports, anomalies and trends of the tenant's tables. A table is named `table`
 * (silver), `schema.table` or `catalog.schema.table` in the tenant's own catalog.
 */
@Controller('v1/quality')
@Roles('tenant_admin', 'tenant_viewer')
export class QualityController {
  constructor(private readonly quality: QualityService) {}

  @Get('tables/:table')
  table(@TenantScope() tenantId: string, @Param('table') table: string) {
    return this.quality.table(tenantId, table);
  }

  @Get('runs/:runId')
  run(@TenantScope() tenantId: string, @Param('runId', new ResourceIdPipe('quality report')) runId: string) {
    return this.quality.run(tenantId, runId);
  }

  @Get('trends')
  trends(@TenantScope() tenantId: string, @Query({ schema: trendsQuerySchema }) query: TrendsQuery) {
    return this.quality.trends(tenantId, query.table, query.days);
  }

  @Get('anomalies')
  anomalies(@TenantScope() tenantId: string, @Query({ schema: anomaliesQuerySchema }) query: AnomaliesQuery) {
    return this.quality.recentAnomalies(tenantId, query);
  }
}

import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { HumanOnly } from '../api-keys/human-only.decorator';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { costModelSchema, type CostModel } from './cost-model';
import { CostsService, type CostReport } from './costs.service';
import { costReportQuerySchema, type CostReportQuery } from './dto/cost-report-query.dto';

@Controller('v1')
export class CostsController {
  constructor(private readonly costs: CostsService) {}

  /** Cost per pipeline (or month) of the caller's tenant; per tenant (or month) for operators. */
  @Get('costs')
  @Roles('platform_operator', 'tenant_admin', 'tenant_viewer')
  report(@CurrentUser() caller: AuthUser, @Query({ schema: costReportQuerySchema }) query: CostReportQuery): Promise<CostReport> {
    return this.costs.report(caller, query);
  }

  @Get('tenants/:id/cost-model')
  @Roles('platform_operator', 'tenant_admin', 'tenant_viewer')
  @HumanOnly()
  model(@CurrentUser() caller: AuthUser, @Param('id', new ResourceIdPipe('tenant')) tenantId: string) {
    return this.costs.model(caller, tenantId);
  }

  /** Operators set a tenant's prices; runs finishing from now on are priced by them. */
  @Put('tenants/:id/cost-model')
  @Roles('platform_operator')
  @HumanOnly()
  setModel(@Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Body({ schema: costModelSchema }) model: CostModel) {
    return this.costs.setModel(tenantId, model);
  }
}

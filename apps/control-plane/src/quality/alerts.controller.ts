import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { AlertsService } from './alerts.service';
import { alertsQuerySchema, type AlertsQuery } from './dto/quality-queries.dto';
import { setThresholdsSchema, type SetThresholdsDto } from './dto/set-thresholds.dto';

/** Alert thresholds per table, and the alerts raised, with the state of their webhook delivery. */
@Controller('v1/quality/alerts')
@Roles('tenant_admin', 'tenant_viewer')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  recent(@TenantScope() tenantId: string, @Query({ schema: alertsQuerySchema }) query: AlertsQuery) {
    return this.alerts.recent(tenantId, query.limit);
  }

  @Put(':table')
  @Roles('tenant_admin')
  setThresholds(@TenantScope() tenantId: string, @Param('table') table: string, @Body({ schema: setThresholdsSchema }) dto: SetThresholdsDto) {
    return this.alerts.setThresholds(tenantId, table, dto);
  }

  @Get(':table')
  forTable(@TenantScope() tenantId: string, @Param('table') table: string, @Query({ schema: alertsQuerySchema }) query: AlertsQuery) {
    return this.alerts.forTable(tenantId, table, query.limit);
  }
}

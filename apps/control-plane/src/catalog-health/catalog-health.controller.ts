import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { catalogName } from '@ade/contracts';
import { CurrentUser, Roles, TenantScope } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import type { CatalogHealthCheck } from './catalog-health-check.entity';
import { CatalogHealthService } from './catalog-health.service';

/** The body may be left out; `catalog`, when given, must be the caller's own. */
const healthRequestSchema = z.object({ catalog: catalogName.optional() }).strict().optional();

function checkView(check: CatalogHealthCheck) {
  return {
    id: check.id,
    status: check.status,
    requestedAt: check.requestedAt.toISOString(),
    finishedAt: check.finishedAt?.toISOString() ?? null,
    report: check.report,
    error: check.errorCode ? { code: check.errorCode, message: check.errorMessage } : null,
  };
}

/** Health checks of the caller's catalog: schemas, tables, rows, last writes, PHI columns, governance. */
@Controller('v1/catalog/health')
@Roles('tenant_admin', 'tenant_viewer')
export class CatalogHealthController {
  constructor(private readonly health: CatalogHealthService) {}

  @Post()
  @HttpCode(202)
  async request(@TenantScope() tenantId: string, @CurrentUser() caller: AuthUser, @Body({ schema: healthRequestSchema }) body: z.infer<typeof healthRequestSchema>) {
    return checkView(await this.health.request(tenantId, caller.userId, body?.catalog));
  }

  /** The newest reported check. */
  @Get()
  async latest(@TenantScope() tenantId: string) {
    return checkView(await this.health.latest(tenantId));
  }

  @Get(':id')
  async get(@TenantScope() tenantId: string, @Param('id', new ResourceIdPipe('health check')) id: string) {
    return checkView(await this.health.get(tenantId, id));
  }
}

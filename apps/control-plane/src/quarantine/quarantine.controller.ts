import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentUser, Roles, TenantScope } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { quarantineQuerySchema, releaseRequestSchema, type QuarantineQuery, type ReleaseRequestDto } from './dto/release-request.dto';
import { releaseView } from './quarantine.view';
import { QuarantineService } from './quarantine.service';

/** Rows the quality stage quarantined, by rule, and releasing them after a fix. */
@Controller('v1/quality/quarantine')
@Roles('tenant_admin', 'tenant_viewer')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  @Get()
  summary(@TenantScope() tenantId: string, @Query({ schema: quarantineQuerySchema }) query: QuarantineQuery) {
    return this.quarantine.summary(tenantId, query.table);
  }

  @Post('release')
  @HttpCode(202)
  @Roles('tenant_admin')
  async release(@TenantScope() tenantId: string, @CurrentUser() caller: AuthUser, @Body({ schema: releaseRequestSchema }) dto: ReleaseRequestDto) {
    const release = await this.quarantine.requestRelease(tenantId, dto, caller.userId);
    return { releaseId: release.id, status: release.status };
  }

  @Get('releases/:id')
  async get(@TenantScope() tenantId: string, @Param('id', new ResourceIdPipe('release')) id: string) {
    return releaseView(await this.quarantine.get(tenantId, id));
  }
}

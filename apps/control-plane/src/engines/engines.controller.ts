import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { catalogEngineRequestSchema, type CatalogEngineRequest, type CatalogEngineView } from '@ade/contracts';
import { HumanOnly } from '../api-keys/human-only.decorator';
import { Roles } from '../auth/auth.decorators';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { EnginesService } from './engines.service';

/** Where a tenant's catalog lives: platform operators choose it; the secret is never shown again. */
@Controller('v1/tenants/:id/engine')
@Roles('platform_operator')
@HumanOnly()
export class EnginesController {
  constructor(private readonly engines: EnginesService) {}

  @Get()
  view(@Param('id', new ResourceIdPipe('tenant')) tenantId: string): Promise<CatalogEngineView> {
    return this.engines.view(tenantId);
  }

  /** Moving to another engine or workspace provisions the catalog there (catalog status: provisioning). */
  @Put()
  choose(@Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Body({ schema: catalogEngineRequestSchema }) request: CatalogEngineRequest): Promise<CatalogEngineView> {
    return this.engines.choose(tenantId, request);
  }
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { HumanOnly } from '../api-keys/human-only.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { createTenantSchema, type CreateTenantDto } from './dto/create-tenant.dto';
import { tenantView } from './tenant.view';
import { TenantsService } from './tenants.service';

@Controller('v1/tenants')
@HumanOnly()
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @Roles('platform_operator')
  async create(@Body({ schema: createTenantSchema }) dto: CreateTenantDto) {
    return tenantView(await this.tenants.create(dto));
  }

  @Get()
  async list(@CurrentUser() caller: AuthUser) {
    return { items: (await this.tenants.list(caller)).map(tenantView) };
  }

  @Get(':id')
  async get(@CurrentUser() caller: AuthUser, @Param('id', new ResourceIdPipe('tenant')) id: string) {
    return tenantView(await this.tenants.get(caller, id));
  }
}

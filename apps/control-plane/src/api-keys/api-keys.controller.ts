import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentUser, Roles, TenantScope } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { apiKeyView, createdApiKeyView } from './api-key.view';
import { ApiKeysService } from './api-keys.service';
import { createApiKeySchema, type CreateApiKeyDto } from './dto/create-api-key.dto';
import { HumanOnly } from './human-only.decorator';

/** A tenant's API keys for machine clients; managed by its admins, never by a key. */
@Controller('v1/api-keys')
@Roles('tenant_admin')
@HumanOnly()
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  async create(@TenantScope() tenantId: string, @CurrentUser() caller: AuthUser, @Body({ schema: createApiKeySchema }) dto: CreateApiKeyDto) {
    const { apiKey, key } = await this.apiKeys.create(tenantId, caller.userId, dto);
    return createdApiKeyView(apiKey, key);
  }

  @Get()
  async list(@TenantScope() tenantId: string) {
    return { items: (await this.apiKeys.list(tenantId)).map(apiKeyView) };
  }

  @Get(':id')
  async get(@TenantScope() tenantId: string, @Param('id', new ResourceIdPipe('api key')) id: string) {
    return apiKeyView(await this.apiKeys.get(tenantId, id));
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@TenantScope() tenantId: string, @CurrentUser() caller: AuthUser, @Param('id', new ResourceIdPipe('api key')) id: string): Promise<void> {
    await this.apiKeys.revoke(tenantId, id, caller.userId);
  }
}

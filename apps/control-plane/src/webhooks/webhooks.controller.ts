import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { listDeliveriesQuerySchema, setWebhookSchema, type ListDeliveriesQuery, type SetWebhookDto } from './dto/set-webhook.dto';
import { deliveryView, webhookView } from './webhook.view';
import { WebhooksService } from './webhooks.service';

/** The tenant's webhook endpoint for alerts, its signing secret and what was delivered to it. */
@Controller('v1/webhook')
@Roles('tenant_admin', 'tenant_viewer')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Put()
  @Roles('tenant_admin')
  async set(@TenantScope() tenantId: string, @Body({ schema: setWebhookSchema }) dto: SetWebhookDto) {
    const { endpoint, secret } = await this.webhooks.set(tenantId, dto.url);
    return webhookView(endpoint, secret);
  }

  @Get()
  async get(@TenantScope() tenantId: string) {
    return webhookView(await this.webhooks.get(tenantId));
  }

  @Delete()
  @HttpCode(204)
  @Roles('tenant_admin')
  async remove(@TenantScope() tenantId: string): Promise<void> {
    await this.webhooks.remove(tenantId);
  }

  @Post('rotate-secret')
  @HttpCode(200)
  @Roles('tenant_admin')
  async rotate(@TenantScope() tenantId: string) {
    const { endpoint, secret } = await this.webhooks.rotateSecret(tenantId);
    return webhookView(endpoint, secret);
  }

  @Get('deliveries')
  async deliveries(@TenantScope() tenantId: string, @Query({ schema: listDeliveriesQuerySchema }) query: ListDeliveriesQuery) {
    return { items: (await this.webhooks.recentDeliveries(tenantId, query.limit)).map(deliveryView) };
  }
}

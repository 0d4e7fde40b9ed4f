import { Controller, Get } from '@nestjs/common';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { BillingService } from './billing.service';
import type { BillingView } from './billing.view';

/** Billing standing and this month's usage: a tenant's own, or (operators) every tenant's. */
@Controller('v1/billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get()
  @Roles('tenant_admin', 'tenant_viewer')
  own(@TenantScope() tenantId: string): Promise<BillingView> {
    return this.billing.forTenant(tenantId);
  }

  @Get('accounts')
  @Roles('platform_operator')
  async accounts(): Promise<{ items: BillingView[] }> {
    return { items: await this.billing.overview() };
  }
}

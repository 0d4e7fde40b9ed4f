import { Body, Controller, Delete, Param, Post, Put, Query } from '@nestjs/common';
import { HumanOnly } from '../api-keys/human-only.decorator';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { BillingSubscriptionsService } from './billing-subscriptions.service';
import type { BillingView } from './billing.view';
import {
  cancelSubscriptionQuerySchema,
  changePlanSchema,
  checkoutSessionSchema,
  portalSessionSchema,
  type CancelSubscriptionQuery,
  type ChangePlanDto,
  type CheckoutSessionDto,
  type PortalSessionDto,
} from './dto/billing-requests.dto';

/** A tenant's subscription: platform operators for any tenant, tenant admins for their own. */
@Controller('v1/tenants/:id/billing')
@Roles('platform_operator', 'tenant_admin')
@HumanOnly()
export class BillingSubscriptionsController {
  constructor(private readonly subscriptions: BillingSubscriptionsService) {}

  /** Changes the plan (prorated in Stripe), or subscribes again to it after a cancellation. */
  @Put('plan')
  changePlan(@CurrentUser() caller: AuthUser, @Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Body({ schema: changePlanSchema }) dto: ChangePlanDto): Promise<BillingView> {
    return this.subscriptions.changePlan(caller, tenantId, dto.plan);
  }

  @Delete('subscription')
  cancel(@CurrentUser() caller: AuthUser, @Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Query({ schema: cancelSubscriptionQuerySchema }) query: CancelSubscriptionQuery): Promise<BillingView> {
    return this.subscriptions.cancel(caller, tenantId, query);
  }

  /** A Stripe Checkout page to subscribe with a card (a tenant without a live subscription). */
  @Post('checkout-session')
  checkout(@CurrentUser() caller: AuthUser, @Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Body({ schema: checkoutSessionSchema }) dto: CheckoutSessionDto): Promise<{ url: string }> {
    return this.subscriptions.checkout(caller, tenantId, dto);
  }

  /** A Stripe Billing Portal page: payment methods, invoices, paying what is overdue. */
  @Post('portal-session')
  portal(@CurrentUser() caller: AuthUser, @Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Body({ schema: portalSessionSchema }) dto: PortalSessionDto): Promise<{ url: string }> {
    return this.subscriptions.portal(caller, tenantId, dto);
  }
}

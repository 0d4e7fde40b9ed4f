import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, InvalidFieldError, NotFoundError, UnavailableError } from '../common/app-error';
import { BillingConfig, type Plan } from '../config/billing.config';
import type { BillingAccount } from './billing-account';
import { BillingAccountsRepository } from './billing-accounts.repository';
import { BillingGateway, BillingRequestRefused, type StripePrices } from './billing-gateway';
import { BillingService } from './billing.service';
import type { BillingView } from './billing.view';
import type { CancelSubscriptionQuery, CheckoutSessionDto, PortalSessionDto } from './dto/billing-requests.dto';

/**
 * Subscribing, changing plan and canceling, for platform operators and the tenant's own admins,
 * and the Stripe-hosted pages (Checkout, Billing Portal) where a browser flow fits. Stripe is
 * called while the request waits: the caller asked for the change and sees its outcome. What
 * Stripe answered is applied to the tenant's standing by the same rule as its webhook events.
 */
@Injectable()
export class BillingSubscriptionsService {
  constructor(
    @Inject(BillingGateway) private readonly gateway: BillingGateway | null,
    private readonly config: BillingConfig,
    private readonly accounts: BillingAccountsRepository,
    private readonly billing: BillingService,
  ) {}

  async changePlan(caller: AuthUser, tenantId: string, planId: string): Promise<BillingView> {
    const account = await this.managed(caller, tenantId);
    const plan = this.planNamed(planId, 'plan');
    if (!this.gateway) {
      await this.accounts.setPlan(tenantId, plan.id);
      return this.billing.forTenant(tenantId);
    }
    const customerId = this.customerOf(account);
    const current = this.config.plan(account.planId);
    const live = account.subscriptionId !== null && account.status !== 'canceled';
    await stripeCall(async () => {
      if (live && current?.stripePrices) {
        if (current.id !== plan.id) await this.gateway!.changeSubscriptionPrices(account.subscriptionId!, current.stripePrices, pricesOf(plan));
      } else if (!live) {
        // Subscribing again: the key names the subscription it follows, so a retry of this request creates one, not two.
        const created = await this.gateway!.createSubscription({ tenantId, customerId, prices: pricesOf(plan), trialDays: 0 }, `ade-tenant-${tenantId}-subscription-after-${account.subscriptionId ?? 'none'}`);
        await this.accounts.applySignal(tenantId, { kind: 'subscription', subscriptionId: created.subscriptionId, stripeStatus: created.status, at: created.created });
      } else {
        throw new ConflictError(`the subscription's current plan (${account.planId}) is not one this platform sells; change it in Stripe`);
      }
    });
    await this.accounts.setPlan(tenantId, plan.id);
    return this.billing.forTenant(tenantId);
  }

  async cancel(caller: AuthUser, tenantId: string, query: CancelSubscriptionQuery): Promise<BillingView> {
    const account = await this.managed(caller, tenantId);
    const gateway = this.connected();
    if (account.subscriptionId === null || account.status === 'canceled') throw new ConflictError('the tenant has no subscription to cancel');
    const { status } = await stripeCall(() => gateway.cancelSubscription(account.subscriptionId!, query.when));
    if (status === 'canceled') {
      await this.accounts.applySignal(tenantId, { kind: 'subscription_deleted', subscriptionId: account.subscriptionId, at: Math.floor(Date.now() / 1000) });
    }
    return this.billing.forTenant(tenantId);
  }

  async checkout(caller: AuthUser, tenantId: string, dto: CheckoutSessionDto): Promise<{ url: string }> {
    const account = await this.managed(caller, tenantId);
    const gateway = this.connected();
    const plan = this.planNamed(dto.plan ?? account.planId, 'plan');
    if (account.subscriptionId !== null && account.status !== 'canceled') {
      throw new ConflictError('the tenant already has a subscription: change its plan (PUT .../billing/plan) or manage payment in the billing portal');
    }
    const customerId = this.customerOf(account);
    return stripeCall(() => gateway.checkoutSession({ tenantId, customerId, prices: pricesOf(plan), successUrl: dto.successUrl, cancelUrl: dto.cancelUrl }));
  }

  async portal(caller: AuthUser, tenantId: string, dto: PortalSessionDto): Promise<{ url: string }> {
    const account = await this.managed(caller, tenantId);
    const gateway = this.connected();
    return stripeCall(() => gateway.portalSession({ customerId: this.customerOf(account), returnUrl: dto.returnUrl }));
  }

  /** Operators manage any tenant; a tenant admin only its own (another tenant's is not found, not forbidden). */
  private async managed(caller: AuthUser, tenantId: string): Promise<BillingAccount> {
    const visible = caller.role === 'platform_operator' || caller.tenantId === tenantId;
    const account = visible ? await this.accounts.get(tenantId) : null;
    if (!account) throw new NotFoundError('tenant');
    return account;
  }

  private planNamed(planId: string, field: string): Plan {
    const unknown = this.config.unknownPlanProblem(planId);
    if (unknown) throw new InvalidFieldError(field, unknown);
    return this.config.plan(planId)!;
  }

  private connected(): BillingGateway {
    if (!this.gateway) throw new ConflictError('billing is not connected to Stripe on this platform (STRIPE_SECRET_KEY is unset)');
    return this.gateway;
  }

  private customerOf(account: BillingAccount): string {
    if (!account.stripeCustomerId) throw new ConflictError("the tenant's Stripe account is not open yet; try again shortly");
    return account.stripeCustomerId;
  }
}

/** Plans carry prices whenever Stripe is connected (checked at startup). */
function pricesOf(plan: Plan): StripePrices {
  return plan.stripePrices!;
}

/** Stripe refusing is the caller's conflict to resolve (its message says why); Stripe unreachable is a 503. */
async function stripeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BillingRequestRefused) throw new ConflictError(error.message);
    if (error instanceof Stripe.errors.StripeError) throw new UnavailableError('Stripe could not be reached; nothing was changed, try again shortly');
    throw error;
  }
}

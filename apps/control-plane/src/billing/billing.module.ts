import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import Stripe from 'stripe';
import { BillingConfig } from '../config/billing.config';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { BillingAccountsRepository } from './billing-accounts.repository';
import { BillingGateway } from './billing-gateway';
import { BillingJobs } from './billing-jobs';
import { BillingController } from './billing.controller';
import { BillingSubscriptionsController } from './billing-subscriptions.controller';
import { BillingSubscriptionsService } from './billing-subscriptions.service';
import { BillingProcessor } from './billing.processor';
import { BillingService } from './billing.service';
import { BillingStanding } from './billing-standing';
import { PlanLimits } from './plan-limits';
import { StripeBillingGateway, stripeClient } from './stripe-gateway';
import { StripeWebhookController } from './stripe-webhook.controller';
import { StripeWebhookService } from './stripe-webhook.service';
import { StripeWebhookVerifier } from './stripe-webhook-verifier';
import { UsageLedger } from './usage-ledger';
import { UsageReconciler } from './usage-reconciler';
import { UsageReconciliationsRepository } from './usage-reconciliations.repository';
import { UsageRecordsRepository } from './usage-records.repository';

/**
 * Plans, Stripe and usage. Without STRIPE_SECRET_KEY the gateway and verifier are null: tenants
 * are billed outside the platform, nothing is sent to Stripe and the webhook route answers 404.
 */
@Module({
  imports: [TenantsRepositoryModule],
  controllers: [BillingController, BillingSubscriptionsController, StripeWebhookController],
  providers: [
    // One SDK client serves the API calls and the webhook's signature check.
    { provide: Stripe, inject: [BillingConfig], useFactory: (config: BillingConfig) => (config.stripe ? stripeClient(config.stripe) : null) },
    {
      provide: BillingGateway,
      inject: [BillingConfig, Stripe],
      useFactory: (config: BillingConfig, stripe: Stripe | null) => (config.stripe && stripe ? new StripeBillingGateway(stripe, config.stripe.meterEventName) : null),
    },
    {
      provide: StripeWebhookVerifier,
      inject: [BillingConfig, Stripe],
      useFactory: (config: BillingConfig, stripe: Stripe | null) => (config.stripe && stripe ? new StripeWebhookVerifier(stripe, config.stripe) : null),
    },
    BillingAccountsRepository,
    UsageRecordsRepository,
    UsageReconciliationsRepository,
    UsageReconciler,
    BillingJobs,
    BillingProcessor,
    BillingService,
    BillingSubscriptionsService,
    BillingStanding,
    PlanLimits,
    StripeWebhookService,
    UsageLedger,
  ],
  exports: [BillingAccountsRepository, BillingStanding, BillingJobs, PlanLimits, UsageLedger],
})
export class BillingModule implements OnApplicationBootstrap {
  constructor(
    private readonly config: BillingConfig,
    private readonly jobs: BillingJobs,
  ) {}

  /** With Stripe connected, usage is reconciled on a schedule (BILLING_RECONCILE_MINUTES). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.stripe) await this.jobs.scheduleReconciliation(this.config.reconcileEveryMinutes);
  }
}

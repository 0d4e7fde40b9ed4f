import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { BILLING_JOBS, BILLING_QUEUE, openBillingAccountSchema, reconcileUsageSchema, reportUsageSchema } from '@ade/contracts';
import { BillingConfig } from '../config/billing.config';
import { TenantsRepository } from '../tenants/tenants.repository';
import { BillingAccountsRepository } from './billing-accounts.repository';
import { BillingGateway, BillingRequestRefused } from './billing-gateway';
import { UsageReconciler } from './usage-reconciler';
import { UsageRecordsRepository } from './usage-records.repository';

/**
 * The billing queue's jobs. Each step is idempotent end to end: Stripe is called with an
 * idempotency key derived from the tenant or run, so a retry after a lost response, a crash or
 * a redelivered job gets Stripe's first answer back instead of a second customer, subscription
 * or meter event; what Stripe answered is stored only after it answered.
 */
@Processor(BILLING_QUEUE)
export class BillingProcessor extends WorkerHost {
  private readonly logger = new Logger(BillingProcessor.name);

  constructor(
    @Inject(BillingGateway) private readonly gateway: BillingGateway | null,
    private readonly config: BillingConfig,
    private readonly accounts: BillingAccountsRepository,
    private readonly usage: UsageRecordsRepository,
    private readonly tenants: TenantsRepository,
    private readonly reconciler: UsageReconciler,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (!this.gateway) throw new UnrecoverableError('Stripe is not connected (STRIPE_SECRET_KEY is unset)');
    try {
      if (job.name === BILLING_JOBS.openAccount) return await this.openAccount(this.gateway, openBillingAccountSchema.parse(job.data).tenantId);
      if (job.name === BILLING_JOBS.reconcileUsage) {
        reconcileUsageSchema.parse(job.data);
        return await this.reconciler.reconcile(this.gateway);
      }
      if (job.name === BILLING_JOBS.reportUsage) {
        const { tenantId, runId } = reportUsageSchema.parse(job.data);
        return await this.reportUsage(this.gateway, tenantId, runId);
      }
      throw new UnrecoverableError(`unknown billing job ${job.name}`);
    } catch (error) {
      if (!(error instanceof BillingRequestRefused)) throw error;
      this.logger.error({ msg: 'Stripe refused a billing request', job: job.name, jobId: job.id, error: error.message });
      throw new UnrecoverableError(error.message);
    }
  }

  private async openAccount(gateway: BillingGateway, tenantId: string): Promise<{ customerId: string; subscriptionId: string | null }> {
    const tenant = await this.tenants.findById(tenantId);
    const account = await this.accounts.get(tenantId);
    if (!tenant || !account) throw new UnrecoverableError('the tenant no longer exists');
    try {
      let customerId = account.stripeCustomerId;
      if (customerId === null) {
        ({ customerId } = await gateway.createCustomer({ tenantId, name: tenant.name, slug: tenant.slug }, `ade-tenant-${tenantId}-customer`));
        await this.accounts.linkCustomer(tenantId, customerId);
      }
      const plan = this.config.plan(account.planId);
      let subscriptionId = account.subscriptionId;
      if (subscriptionId === null && plan?.stripePrices) {
        const created = await gateway.createSubscription(
          { tenantId, customerId, prices: plan.stripePrices, trialDays: plan.trialDays },
          `ade-tenant-${tenantId}-first-subscription`,
        );
        subscriptionId = created.subscriptionId;
        await this.accounts.applySignal(tenantId, { kind: 'subscription', subscriptionId, stripeStatus: created.status, at: created.created });
      }
      return { customerId, subscriptionId };
    } catch (error) {
      if (error instanceof BillingRequestRefused) await this.accounts.recordAccountError(tenantId, error.message);
      throw error;
    }
  }

  private async reportUsage(gateway: BillingGateway, tenantId: string, runId: string): Promise<{ reported: number; identifier: string } | { skipped: string }> {
    const record = await this.usage.get(tenantId, runId);
    if (!record) return { skipped: 'no usage recorded for the run' };
    if (record.status === 'reported') return { skipped: 'already reported' };
    const account = await this.accounts.get(tenantId);
    // Opening the account is its own job; until it has run, this one waits its turn by retrying.
    if (!account?.stripeCustomerId) {
      await this.usage.noteFailedAttempt(tenantId, runId, 'the tenant has no Stripe customer yet');
      throw new Error('the tenant has no Stripe customer yet');
    }
    try {
      const { identifier } = await gateway.reportUsage(
        { customerId: account.stripeCustomerId, records: record.records, identifier: `ade-run-${runId}`, timestamp: Math.floor(record.occurredAt.getTime() / 1000) },
        `ade-usage-${runId}`,
      );
      await this.usage.markReported(tenantId, runId, identifier);
      return { reported: record.records, identifier };
    } catch (error) {
      await this.usage.noteFailedAttempt(tenantId, runId, (error as Error).message.slice(0, 500));
      throw error;
    }
  }
}

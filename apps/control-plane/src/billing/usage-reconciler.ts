import { Injectable, Logger } from '@nestjs/common';
import { BillingAccountsRepository } from './billing-accounts.repository';
import type { BillingGateway } from './billing-gateway';
import { BillingJobs } from './billing-jobs';
import { billingMonth, previousMonth } from './billing-period';
import { UsageReconciliationsRepository } from './usage-reconciliations.repository';
import { UsageRecordsRepository } from './usage-records.repository';

/** Unreported usage older than this is queued again: the report job's own retries end well before. */
const STALE_PENDING_MS = 60 * 60 * 1000;
const SWEEP_LIMIT = 1000;

export interface ReconciliationSummary {
  requeued: number;
  /** Tenants without a Stripe customer whose account opening was queued again. */
  accountsReopened: number;
  tenants: number;
  mismatches: number;
}

/**
 * The scheduled check of metering. First, usage still unreported an hour after its run is queued
 * again (a fresh job per sweep; a second report of the same run is the same Stripe call, under the
 * same idempotency key and identifier), and so is the opening of any Stripe account that has no
 * customer yet. Then, for each tenant with a Stripe customer, the records
 * the ledger says were reported this month and last month are compared with what Stripe's meter
 * summed for them, and both figures are kept (GET /v1/billing shows them). Stripe aggregates
 * meter events asynchronously, so a difference right after a report is expected to close; one
 * that stays is logged for operators, with tenant and month only.
 */
@Injectable()
export class UsageReconciler {
  private readonly logger = new Logger(UsageReconciler.name);

  constructor(
    private readonly accounts: BillingAccountsRepository,
    private readonly usage: UsageRecordsRepository,
    private readonly reconciliations: UsageReconciliationsRepository,
    private readonly jobs: BillingJobs,
  ) {}

  async reconcile(gateway: BillingGateway, now = new Date()): Promise<ReconciliationSummary> {
    const stale = await this.usage.pendingSince(new Date(now.getTime() - STALE_PENDING_MS), SWEEP_LIMIT);
    for (const { tenantId, runId } of stale) await this.jobs.reportUsage(tenantId, runId, `sweep-${now.getTime()}`);
    const current = billingMonth(now);
    const months = [previousMonth(current), current];
    let tenants = 0;
    let mismatches = 0;
    let accountsReopened = 0;
    for (const account of await this.accounts.list()) {
      if (!account.stripeCustomerId) {
        // Its opening job failed for good or was lost with Redis: the same calls, under the same keys, again.
        await this.jobs.openAccount(account.tenantId, `sweep-${now.getTime()}`);
        accountsReopened += 1;
        continue;
      }
      tenants += 1;
      for (const month of months) {
        const ledger = await this.usage.totals(account.tenantId, month.from, month.to);
        const stripe = await gateway.meteredRecords(account.stripeCustomerId, month.from.getTime() / 1000, month.to.getTime() / 1000);
        await this.reconciliations.record(account.tenantId, { month: month.month, ledgerRecords: ledger.reportedRecords, stripeRecords: stripe, checkedAt: now });
        if (stripe !== ledger.reportedRecords) {
          mismatches += 1;
          this.logger.warn({ msg: 'metered usage differs from the ledger', tenantId: account.tenantId, month: month.month, ledgerRecords: ledger.reportedRecords, stripeRecords: stripe });
        }
      }
    }
    return { requeued: stale.length, accountsReopened, tenants, mismatches };
  }
}

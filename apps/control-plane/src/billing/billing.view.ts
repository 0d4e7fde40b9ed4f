import type { Plan } from '../config/billing.config';
import type { BillingAccount } from './billing-account';
import { billingAllowsRuns } from './billing-state';
import { overage } from './billing-period';
import type { UsageReconciliation } from './usage-reconciliations.repository';
import type { UsageTotals } from './usage-records.repository';

/** A tenant's billing as the API shows it: its standing, its plan, and this month's usage against the plan. */
export function billingView(account: BillingAccount, plan: Plan | undefined, month: string, usage: UsageTotals, reconciliation: UsageReconciliation | null = null) {
  const over = plan ? overage(usage.records, plan) : null;
  return {
    tenantId: account.tenantId,
    status: account.status,
    runsAllowed: billingAllowsRuns(account.status),
    plan: plan
      ? { id: plan.id, name: plan.name, includedRecordsPerMonth: plan.includedRecordsPerMonth, pricePerThousandRecordsCents: plan.pricePerThousandRecordsCents, limits: plan.limits }
      : { id: account.planId, name: null, includedRecordsPerMonth: null, pricePerThousandRecordsCents: null, limits: null },
    stripe: { customerId: account.stripeCustomerId, subscriptionId: account.subscriptionId, accountError: account.accountError },
    trialWillEndAt: account.trialWillEndAt,
    usage: {
      month,
      runs: usage.runs,
      records: usage.records,
      reportedRecords: usage.reportedRecords,
      pendingRecords: usage.pendingRecords,
      ...(over ? { overageRecords: over.records, estimatedOverageCents: over.cents } : {}),
      /** The month's last comparison with Stripe's meter: reported records by the ledger and by Stripe. */
      reconciliation: reconciliation ? { checkedAt: reconciliation.checkedAt, ledgerRecords: reconciliation.ledgerRecords, stripeRecords: reconciliation.stripeRecords } : null,
    },
    updatedAt: account.updatedAt,
  };
}

export type BillingView = ReturnType<typeof billingView>;

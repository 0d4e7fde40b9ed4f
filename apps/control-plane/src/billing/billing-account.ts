import type { BillingState, BillingStatus } from './billing-state';

/** A tenant's billing as the platform keeps it: its plan, its Stripe objects and its standing. */
export interface BillingAccount {
  tenantId: string;
  planId: string;
  status: BillingStatus;
  stripeCustomerId: string | null;
  subscriptionId: string | null;
  /** Unix seconds of the Stripe event that set the status (0 before any). */
  statusAsOf: number;
  trialWillEndAt: Date | null;
  /** Why Stripe refused to open the account, when it did (no PHI: Stripe's own message). */
  accountError: string | null;
  updatedAt: Date;
}

export const stateOf = (account: BillingAccount): BillingState => ({ status: account.status, subscriptionId: account.subscriptionId, asOf: account.statusAsOf });

interface BillingRow {
  tenant_id: string;
  plan_id: string;
  status: BillingStatus;
  stripe_customer_id: string | null;
  subscription_id: string | null;
  status_as_of: string;
  trial_will_end_at: Date | null;
  account_error: string | null;
  updated_at: Date;
}

export const BILLING_COLUMNS = 'tenant_id, plan_id, status, stripe_customer_id, subscription_id, status_as_of, trial_will_end_at, account_error, updated_at';

export function billingAccountOf(row: BillingRow): BillingAccount {
  return {
    tenantId: row.tenant_id,
    planId: row.plan_id,
    status: row.status,
    stripeCustomerId: row.stripe_customer_id,
    subscriptionId: row.subscription_id,
    statusAsOf: Number(row.status_as_of),
    trialWillEndAt: row.trial_will_end_at,
    accountError: row.account_error,
    updatedAt: row.updated_at,
  };
}

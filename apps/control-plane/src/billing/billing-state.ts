/** A tenant's standing with billing, as runs and limits read it. */
export const BILLING_STATUSES = ['trialing', 'active', 'past_due', 'suspended', 'canceled'] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

/** Whether a tenant in this state may start runs (manual or scheduled). */
export function billingAllowsRuns(status: BillingStatus): boolean {
  return status !== 'suspended' && status !== 'canceled';
}

export interface BillingState {
  status: BillingStatus;
  /** The Stripe subscription the state is about; null before the tenant subscribed. */
  subscriptionId: string | null;
  /** Stripe's `created` (Unix seconds) of the event that set the state: an older event changes nothing. */
  asOf: number;
}

/** What one Stripe event says about a tenant's billing, read from the event's own object. */
export type BillingSignal =
  | { kind: 'subscription'; subscriptionId: string; stripeStatus: string; at: number }
  | { kind: 'subscription_deleted'; subscriptionId: string; at: number }
  | { kind: 'invoice_paid'; subscriptionId: string; at: number }
  | { kind: 'invoice_payment_failed'; subscriptionId: string; finalAttempt: boolean; at: number };

/**
 * Stripe's subscription statuses as the platform's: `unpaid` and `paused` stop runs until paid or
 * resumed; an `incomplete` first payment counts as past due; an expired one ends the subscription.
 */
const STATUS_OF_SUBSCRIPTION: Readonly<Record<string, BillingStatus>> = {
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  incomplete: 'past_due',
  unpaid: 'suspended',
  paused: 'suspended',
  canceled: 'canceled',
  incomplete_expired: 'canceled',
};

/**
 * The state after one signal. Events arrive in any order and some more than once, so the state
 * only moves on a signal at least as new as the one that set it (`at` >= `asOf`, the event's own
 * creation time, not its arrival); a canceled subscription stays canceled (Stripe never revives
 * one), and a tenant that subscribes again moves to the newer subscription. Signals about a
 * subscription that is not the tenant's current one change nothing.
 */
export function applyBillingSignal(state: BillingState, signal: BillingSignal): BillingState {
  if (signal.at < state.asOf) return state;
  const current = state.subscriptionId === signal.subscriptionId;
  if (current && state.status === 'canceled') return state;
  switch (signal.kind) {
    case 'subscription': {
      const status = STATUS_OF_SUBSCRIPTION[signal.stripeStatus];
      if (status === undefined) return state;
      // A newer subscription replaces the current one; an older one's news is stale.
      if (!current && state.subscriptionId !== null && status === 'canceled') return state;
      return { status, subscriptionId: signal.subscriptionId, asOf: signal.at };
    }
    case 'subscription_deleted':
      return current ? { ...state, status: 'canceled', asOf: signal.at } : state;
    case 'invoice_paid':
      // A paid invoice settles what was owed; a trial's own (zero) invoice leaves the trial as it is.
      return current && (state.status === 'past_due' || state.status === 'suspended') ? { ...state, status: 'active', asOf: signal.at } : state;
    case 'invoice_payment_failed':
      if (!current) return state;
      return { ...state, status: signal.finalAttempt ? 'suspended' : state.status === 'suspended' ? 'suspended' : 'past_due', asOf: signal.at };
  }
}

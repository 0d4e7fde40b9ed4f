import type Stripe from 'stripe';
import type { BillingSignal } from './billing-state';

/** A Stripe event read for billing: whose customer it concerns, and what it says. */
export interface CustomerSignal {
  customerId: string | null;
  /**
   * The tenant the object itself names (`metadata.tenant_id` the platform set on the subscription,
   * a Checkout session's `client_reference_id`): finds the tenant when the event arrives before
   * the customer's id was stored.
   */
  tenantHint: string | null;
  /** What changes the billing state; null for an event that only links or informs. */
  signal: BillingSignal | null;
  /** `customer.subscription.trial_will_end`: when the trial ends (Unix seconds). */
  trialEnd?: number;
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);
const tenantOf = (metadata: Record<string, string> | null | undefined): string | null => metadata?.tenant_id ?? null;

/**
 * What a subscription, invoice or Checkout event says about the customer's billing, from the
 * event's own object and its creation time; null for an event billing does not follow (or an
 * invoice that belongs to no subscription). `customer.subscription.trial_will_end` and
 * `checkout.session.completed` change no state: the subscription's own events do.
 */
export function billingSignalOf(event: Stripe.Event): CustomerSignal | null {
  const at = event.created;
  switch (event.type) {
    case 'customer.subscription.created':
    case 'customer.subscription.updated': {
      const subscription = event.data.object;
      const signal = { kind: 'subscription', subscriptionId: subscription.id, stripeStatus: subscription.status, at } as const;
      return { customerId: idOf(subscription.customer), tenantHint: tenantOf(subscription.metadata), signal };
    }
    case 'customer.subscription.deleted': {
      const subscription = event.data.object;
      return { customerId: idOf(subscription.customer), tenantHint: tenantOf(subscription.metadata), signal: { kind: 'subscription_deleted', subscriptionId: subscription.id, at } };
    }
    case 'customer.subscription.trial_will_end': {
      const subscription = event.data.object;
      if (subscription.trial_end === null) return null;
      return { customerId: idOf(subscription.customer), tenantHint: tenantOf(subscription.metadata), signal: null, trialEnd: subscription.trial_end };
    }
    case 'checkout.session.completed': {
      const session = event.data.object;
      if (session.mode !== 'subscription') return null;
      return { customerId: idOf(session.customer), tenantHint: session.client_reference_id, signal: null };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const details = invoice.parent?.subscription_details;
      const subscriptionId = idOf(details?.subscription);
      const customerId = idOf(invoice.customer);
      if (subscriptionId === null || customerId === null) return null;
      const tenantHint = tenantOf(details?.metadata);
      if (event.type === 'invoice.paid') return { customerId, tenantHint, signal: { kind: 'invoice_paid', subscriptionId, at } };
      // Stripe schedules no further attempt once its retries are exhausted.
      return { customerId, tenantHint, signal: { kind: 'invoice_payment_failed', subscriptionId, finalAttempt: invoice.next_payment_attempt === null, at } };
    }
    default:
      return null;
  }
}

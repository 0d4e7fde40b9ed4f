import type Stripe from 'stripe';
import type { BillingSignal } from './billing-state';

/** A Stripe event read for billing: whose customer it concerns, and what it says. */
export interface CustomerSignal {
  customerId: string;
  signal: BillingSignal;
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);

/**
 * What a subscription or invoice event says about the customer's billing, from the event's own
 * object and its creation time; null for an event billing does not follow (or an invoice that
 * belongs to no subscription). `customer.subscription.trial_will_end` changes no state.
 */
export function billingSignalOf(event: Stripe.Event): CustomerSignal | null {
  const at = event.created;
  switch (event.type) {
    case 'customer.subscription.created':
    case 'customer.subscription.updated': {
      const subscription = event.data.object;
      return { customerId: idOf(subscription.customer)!, signal: { kind: 'subscription', subscriptionId: subscription.id, stripeStatus: subscription.status, at } };
    }
    case 'customer.subscription.deleted': {
      const subscription = event.data.object;
      return { customerId: idOf(subscription.customer)!, signal: { kind: 'subscription_deleted', subscriptionId: subscription.id, at } };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
      const customerId = idOf(invoice.customer);
      if (subscriptionId === null || customerId === null) return null;
      if (event.type === 'invoice.paid') return { customerId, signal: { kind: 'invoice_paid', subscriptionId, at } };
      // Stripe schedules no further attempt once its retries are exhausted.
      return { customerId, signal: { kind: 'invoice_payment_failed', subscriptionId, finalAttempt: invoice.next_payment_attempt === null, at } };
    }
    default:
      return null;
  }
}

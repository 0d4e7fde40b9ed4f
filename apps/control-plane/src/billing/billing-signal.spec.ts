import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { billingSignalOf } from './billing-signal';

/** An event envelope as Stripe sends it (API version 2026-10-28), around the parts of the object billing reads. */
function stripeEvent(type: string, object: Record<string, unknown>, created = 1_790_000_000): Stripe.Event {
  return {
    id: `evt_${type.replace(/\W/g, '')}${created}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Stripe.Event;
}

const subscription = (status: string, customer: unknown = 'cus_1') => ({ id: 'sub_1', object: 'subscription', customer, status });
const invoice = (overrides: Record<string, unknown> = {}) => ({
  id: 'in_1',
  object: 'invoice',
  customer: 'cus_1',
  attempt_count: 1,
  next_payment_attempt: 1_790_259_200,
  parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: 'sub_1' } },
  ...overrides,
});

describe('billingSignalOf', () => {
  it('reads a subscription created or updated as its status, at the time the event was created', () => {
    for (const type of ['customer.subscription.created', 'customer.subscription.updated']) {
      expect(billingSignalOf(stripeEvent(type, subscription('past_due'), 1_790_000_100))).toEqual({
        customerId: 'cus_1',
        signal: { kind: 'subscription', subscriptionId: 'sub_1', stripeStatus: 'past_due', at: 1_790_000_100 },
      });
    }
  });

  it('reads an expanded customer by its id, and a deleted subscription as its end', () => {
    expect(billingSignalOf(stripeEvent('customer.subscription.deleted', subscription('canceled', { id: 'cus_2', object: 'customer' })))).toEqual({
      customerId: 'cus_2',
      signal: { kind: 'subscription_deleted', subscriptionId: 'sub_1', at: 1_790_000_000 },
    });
  });

  it('reads a failed payment as final once Stripe schedules no further attempt', () => {
    expect(billingSignalOf(stripeEvent('invoice.payment_failed', invoice()))?.signal).toEqual({ kind: 'invoice_payment_failed', subscriptionId: 'sub_1', finalAttempt: false, at: 1_790_000_000 });
    expect(billingSignalOf(stripeEvent('invoice.payment_failed', invoice({ attempt_count: 4, next_payment_attempt: null })))?.signal).toMatchObject({ finalAttempt: true });
    expect(billingSignalOf(stripeEvent('invoice.paid', invoice({ next_payment_attempt: null })))).toEqual({ customerId: 'cus_1', signal: { kind: 'invoice_paid', subscriptionId: 'sub_1', at: 1_790_000_000 } });
  });

  it('finds the subscription of an invoice whether Stripe sends its id or the expanded object', () => {
    const expanded = invoice({ parent: { type: 'subscription_details', subscription_details: { metadata: {}, subscription: { id: 'sub_7', object: 'subscription' } } } });
    expect(billingSignalOf(stripeEvent('invoice.paid', expanded))?.signal).toMatchObject({ subscriptionId: 'sub_7' });
  });

  it('follows no invoice outside a subscription, and no event billing does not track', () => {
    expect(billingSignalOf(stripeEvent('invoice.paid', invoice({ parent: null })))).toBeNull();
    expect(billingSignalOf(stripeEvent('invoice.payment_failed', invoice({ customer: null })))).toBeNull();
    expect(billingSignalOf(stripeEvent('invoice.paid', invoice({ parent: { type: 'quote_details', quote_details: { quote: 'qt_1' }, subscription_details: null } })))).toBeNull();
    expect(billingSignalOf(stripeEvent('customer.subscription.trial_will_end', subscription('trialing')))).toBeNull();
    expect(billingSignalOf(stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge' }))).toBeNull();
  });
});

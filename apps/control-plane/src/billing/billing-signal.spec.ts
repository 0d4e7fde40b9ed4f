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

const subscription = (status: string, customer: unknown = 'cus_1', extra: Record<string, unknown> = {}) => ({ id: 'sub_1', object: 'subscription', customer, status, metadata: {}, trial_end: null, ...extra });
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
        tenantHint: null,
        signal: { kind: 'subscription', subscriptionId: 'sub_1', stripeStatus: 'past_due', at: 1_790_000_100 },
      });
    }
  });

  it('reads an expanded customer by its id, and a deleted subscription as its end', () => {
    expect(billingSignalOf(stripeEvent('customer.subscription.deleted', subscription('canceled', { id: 'cus_2', object: 'customer' })))).toEqual({
      customerId: 'cus_2',
      tenantHint: null,
      signal: { kind: 'subscription_deleted', subscriptionId: 'sub_1', at: 1_790_000_000 },
    });
  });

  it('reads a failed payment as final once Stripe schedules no further attempt', () => {
    expect(billingSignalOf(stripeEvent('invoice.payment_failed', invoice()))?.signal).toEqual({ kind: 'invoice_payment_failed', subscriptionId: 'sub_1', finalAttempt: false, at: 1_790_000_000 });
    expect(billingSignalOf(stripeEvent('invoice.payment_failed', invoice({ attempt_count: 4, next_payment_attempt: null })))?.signal).toMatchObject({ finalAttempt: true });
    expect(billingSignalOf(stripeEvent('invoice.paid', invoice({ next_payment_attempt: null })))).toEqual({ customerId: 'cus_1', tenantHint: null, signal: { kind: 'invoice_paid', subscriptionId: 'sub_1', at: 1_790_000_000 } });
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
    expect(billingSignalOf(stripeEvent('checkout.session.completed', { id: 'cs_1', object: 'checkout.session', mode: 'payment', customer: 'cus_1', client_reference_id: null }))).toBeNull();
    expect(billingSignalOf(stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge' }))).toBeNull();
  });
});

describe('billingSignalOf, finding the tenant', () => {
  const tenantId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

  it('reads the tenant the platform put in a subscription’s metadata, and in its invoices’ subscription details', () => {
    const tagged = subscription('trialing', 'cus_1', { metadata: { tenant_id: tenantId } });
    expect(billingSignalOf(stripeEvent('customer.subscription.created', tagged))?.tenantHint).toBe(tenantId);
    expect(billingSignalOf(stripeEvent('customer.subscription.deleted', tagged))?.tenantHint).toBe(tenantId);
    const paid = invoice({ parent: { type: 'subscription_details', subscription_details: { metadata: { tenant_id: tenantId }, subscription: 'sub_1' } } });
    expect(billingSignalOf(stripeEvent('invoice.paid', paid))?.tenantHint).toBe(tenantId);
    expect(billingSignalOf(stripeEvent('invoice.payment_failed', paid))?.tenantHint).toBe(tenantId);
  });

  it('reads a completed subscription Checkout as a link between its customer and the tenant it was opened for, changing no state', () => {
    const session = { id: 'cs_1', object: 'checkout.session', mode: 'subscription', customer: 'cus_9', client_reference_id: tenantId, subscription: 'sub_9' };
    expect(billingSignalOf(stripeEvent('checkout.session.completed', session))).toEqual({ customerId: 'cus_9', tenantHint: tenantId, signal: null });
  });

  it('reads a coming trial end as its date, changing no state', () => {
    const trial = subscription('trialing', 'cus_1', { trial_end: 1_790_300_000 });
    expect(billingSignalOf(stripeEvent('customer.subscription.trial_will_end', trial))).toEqual({ customerId: 'cus_1', tenantHint: null, signal: null, trialEnd: 1_790_300_000 });
  });
});

import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

// Not re-exported from the index: only the billing suites load it (and the stripe SDK).

const API_VERSION = '2026-10-28.endive';

/** A webhook event envelope as Stripe sends it (API version 2026-10-28) around `object`. */
export function stripeEvent(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  return {
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: `req_${randomBytes(7).toString('hex')}`, idempotency_key: null },
    type,
  };
}

/** A subscription object as Stripe puts it in `customer.subscription.*` events. */
export function subscriptionObject(fields: { id: string; customer: string; status: string; tenantId?: string; trialEnd?: number | null }): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    id: fields.id,
    object: 'subscription',
    customer: fields.customer,
    status: fields.status,
    created: now,
    livemode: false,
    cancel_at_period_end: false,
    canceled_at: fields.status === 'canceled' ? now : null,
    trial_end: fields.trialEnd ?? null,
    metadata: fields.tenantId ? { tenant_id: fields.tenantId } : {},
    items: { object: 'list', data: [], has_more: false },
  };
}

/**
 * An invoice of a subscription as Stripe puts it in `invoice.paid` / `invoice.payment_failed`:
 * `next_payment_attempt` null once Smart Retries are exhausted.
 */
export function invoiceObject(fields: { customer: string; subscription: string; tenantId?: string; status: 'paid' | 'open'; attemptCount?: number; nextPaymentAttempt?: number | null }): Record<string, unknown> {
  return {
    id: `in_${randomBytes(12).toString('hex')}`,
    object: 'invoice',
    customer: fields.customer,
    status: fields.status,
    amount_due: 4900,
    amount_paid: fields.status === 'paid' ? 4900 : 0,
    attempt_count: fields.attemptCount ?? 1,
    attempted: true,
    billing_reason: 'subscription_cycle',
    next_payment_attempt: fields.nextPaymentAttempt === undefined ? Math.floor(Date.now() / 1000) + 3 * 86_400 : fields.nextPaymentAttempt,
    livemode: false,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata: fields.tenantId ? { tenant_id: fields.tenantId } : {}, subscription: fields.subscription },
    },
  };
}

/** The body and `Stripe-Signature` header of a delivery, signed with the SDK's own test helper. */
export function signedDelivery(event: Record<string, unknown>, secret: string, timestamp = Math.floor(Date.now() / 1000)): { body: string; signature: string } {
  const body = JSON.stringify(event, null, 2);
  const signature = new Stripe('sk_test_signing_only').webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
  return { body, signature };
}

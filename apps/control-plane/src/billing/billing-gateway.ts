/** A subscription as Stripe created it: its id, its status then, and when (Unix seconds). */
export interface CreatedSubscription {
  subscriptionId: string;
  status: string;
  created: number;
}

/** A plan's two Stripe prices: the licensed monthly base and the metered records price. */
export interface StripePrices {
  base: string;
  records: string;
}

/**
 * What billing asks of Stripe, as a port: the services depend on this, the SDK-backed adapter
 * (stripe-gateway.ts) implements it. Every call that creates something takes the idempotency key
 * that makes a retry of it (by the SDK, a job, or after a crash) the same call.
 */
export abstract class BillingGateway {
  abstract createCustomer(customer: { tenantId: string; name: string; slug: string }, idempotencyKey: string): Promise<{ customerId: string }>;

  abstract createSubscription(
    subscription: { tenantId: string; customerId: string; prices: StripePrices; trialDays: number },
    idempotencyKey: string,
  ): Promise<CreatedSubscription>;

  /** Moves a subscription to other prices (a plan change), prorated; the items holding `from` prices are swapped for `to`. */
  abstract changeSubscriptionPrices(subscriptionId: string, from: StripePrices, to: StripePrices): Promise<void>;

  /** Cancels now, or at the end of the paid period (the subscription stays usable until then). */
  abstract cancelSubscription(subscriptionId: string, when: 'now' | 'period_end'): Promise<{ status: string }>;

  /** A Checkout page where the customer subscribes to `prices` with a card; returns its URL. */
  abstract checkoutSession(session: { tenantId: string; customerId: string; prices: StripePrices; successUrl: string; cancelUrl: string }): Promise<{ url: string }>;

  /** A Billing Portal page where the customer manages payment methods and invoices; returns its URL. */
  abstract portalSession(session: { customerId: string; returnUrl: string }): Promise<{ url: string }>;

  /** What Stripe's meter summed for the customer over [from, to) (Unix seconds on minute boundaries). */
  abstract meteredRecords(customerId: string, from: number, to: number): Promise<number>;

  /** One meter event: `records` for the customer at `timestamp` (Unix seconds), deduplicated by `identifier`. */
  abstract reportUsage(usage: { customerId: string; records: number; identifier: string; timestamp: number }, idempotencyKey: string): Promise<{ identifier: string }>;
}

/** Stripe refused the request itself (bad parameters, a missing object): retrying it would not help. */
export class BillingRequestRefused extends Error {
  override readonly name = 'BillingRequestRefused';
}

/**
 * What billing asks of Stripe, as a port: the services depend on this, the SDK-backed adapter
 * (stripe-gateway.ts) implements it. Every call that creates something takes the idempotency key
 * that makes a retry of it (by the SDK, a job, or after a crash) the same call.
 */
export abstract class BillingGateway {
  abstract createCustomer(customer: { tenantId: string; name: string; slug: string }, idempotencyKey: string): Promise<{ customerId: string }>;

  abstract createSubscription(
    subscription: { tenantId: string; customerId: string; prices: { base: string; records: string }; trialDays: number },
    idempotencyKey: string,
  ): Promise<{ subscriptionId: string }>;

  /** One meter event: `records` for the customer at `timestamp` (Unix seconds), deduplicated by `identifier`. */
  abstract reportUsage(usage: { customerId: string; records: number; identifier: string; timestamp: number }, idempotencyKey: string): Promise<{ identifier: string }>;
}

/** Stripe refused the request itself (bad parameters, a missing object): retrying it would not help. */
export class BillingRequestRefused extends Error {
  override readonly name = 'BillingRequestRefused';
}

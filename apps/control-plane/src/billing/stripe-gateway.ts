import Stripe from 'stripe';
import type { StripeSettings } from '../config/billing.config';
import { BillingGateway, BillingRequestRefused } from './billing-gateway';

/** Stripe's API version the platform's reading of objects and events is written against. */
export const STRIPE_API_VERSION = '2026-10-28.endive';

/** The SDK client for the configured account and API address (a proxy or test double may stand in). */
export function stripeClient(settings: StripeSettings): Stripe {
  const { apiUrl } = settings;
  return new Stripe(settings.secretKey.reveal(), {
    apiVersion: STRIPE_API_VERSION,
    host: apiUrl.hostname,
    port: apiUrl.port || (apiUrl.protocol === 'http:' ? 80 : 443),
    protocol: apiUrl.protocol === 'http:' ? 'http' : 'https',
    // The SDK retries network failures and 409/429/5xx itself, reusing each request's idempotency key.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'ade-control-plane' },
  });
}

export class StripeBillingGateway extends BillingGateway {
  constructor(
    private readonly stripe: Stripe,
    private readonly meterEventName: string,
  ) {
    super();
  }

  async createCustomer(customer: { tenantId: string; name: string; slug: string }, idempotencyKey: string): Promise<{ customerId: string }> {
    const created = await refusals(() =>
      this.stripe.customers.create({ name: customer.name, description: `tenant ${customer.slug}`, metadata: { tenant_id: customer.tenantId } }, { idempotencyKey }),
    );
    return { customerId: created.id };
  }

  async createSubscription(
    subscription: { tenantId: string; customerId: string; prices: { base: string; records: string }; trialDays: number },
    idempotencyKey: string,
  ): Promise<{ subscriptionId: string }> {
    const created = await refusals(() =>
      this.stripe.subscriptions.create(
        {
          customer: subscription.customerId,
          items: [{ price: subscription.prices.base, quantity: 1 }, { price: subscription.prices.records }],
          ...(subscription.trialDays > 0
            ? // A trial that ends without a payment method pauses the subscription instead of invoicing nobody.
              { trial_period_days: subscription.trialDays, trial_settings: { end_behavior: { missing_payment_method: 'pause' } } }
            : {}),
          metadata: { tenant_id: subscription.tenantId },
        },
        { idempotencyKey },
      ),
    );
    return { subscriptionId: created.id };
  }

  async reportUsage(usage: { customerId: string; records: number; identifier: string; timestamp: number }, idempotencyKey: string): Promise<{ identifier: string }> {
    const event = await refusals(() =>
      this.stripe.billing.meterEvents.create(
        {
          event_name: this.meterEventName,
          payload: { stripe_customer_id: usage.customerId, value: String(usage.records) },
          identifier: usage.identifier,
          timestamp: usage.timestamp,
        },
        { idempotencyKey },
      ),
    );
    return { identifier: event.identifier };
  }
}

/** A 4xx other than rate limiting is Stripe refusing this request: a permanent failure, named. */
async function refusals<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 429 && error.statusCode !== 409) {
      throw new BillingRequestRefused(`Stripe refused the request (${error.type}): ${error.message}`);
    }
    throw error;
  }
}

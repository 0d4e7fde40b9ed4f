import Stripe from 'stripe';
import type { StripeSettings } from '../config/billing.config';
import { BillingGateway, BillingRequestRefused, type CreatedSubscription, type StripePrices } from './billing-gateway';

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
  private meterId: Promise<string> | undefined;

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
    subscription: { tenantId: string; customerId: string; prices: StripePrices; trialDays: number },
    idempotencyKey: string,
  ): Promise<CreatedSubscription> {
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
    return { subscriptionId: created.id, status: created.status, created: created.created };
  }

  async changeSubscriptionPrices(subscriptionId: string, from: StripePrices, to: StripePrices): Promise<void> {
    const subscription = await refusals(() => this.stripe.subscriptions.retrieve(subscriptionId));
    const swap = new Map([
      [from.base, to.base],
      [from.records, to.records],
    ]);
    const items = subscription.items.data.filter((item) => swap.has(item.price.id)).map((item) => ({ id: item.id, price: swap.get(item.price.id)! }));
    if (items.length !== 2) throw new BillingRequestRefused(`the subscription does not hold the current plan's prices (${from.base}, ${from.records})`);
    // Setting the same prices again changes nothing, so a retried change needs no key of its own (the SDK adds one to its retries).
    await refusals(() => this.stripe.subscriptions.update(subscriptionId, { items, proration_behavior: 'create_prorations' }));
  }

  async cancelSubscription(subscriptionId: string, when: 'now' | 'period_end'): Promise<{ status: string }> {
    const subscription = await refusals(() =>
      when === 'now' ? this.stripe.subscriptions.cancel(subscriptionId) : this.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true }),
    );
    return { status: subscription.status };
  }

  async checkoutSession(session: { tenantId: string; customerId: string; prices: StripePrices; successUrl: string; cancelUrl: string }): Promise<{ url: string }> {
    const created = await refusals(() =>
      this.stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: session.customerId,
        client_reference_id: session.tenantId,
        line_items: [{ price: session.prices.base, quantity: 1 }, { price: session.prices.records }],
        subscription_data: { metadata: { tenant_id: session.tenantId } },
        success_url: session.successUrl,
        cancel_url: session.cancelUrl,
      }),
    );
    if (!created.url) throw new BillingRequestRefused('Stripe returned a Checkout session without a URL');
    return { url: created.url };
  }

  async portalSession(session: { customerId: string; returnUrl: string }): Promise<{ url: string }> {
    const created = await refusals(() => this.stripe.billingPortal.sessions.create({ customer: session.customerId, return_url: session.returnUrl }));
    return { url: created.url };
  }

  async meteredRecords(customerId: string, from: number, to: number): Promise<number> {
    const meter = await this.meter();
    let total = 0;
    for await (const summary of this.stripe.billing.meters.listEventSummaries(meter, { customer: customerId, start_time: from, end_time: to })) total += summary.aggregated_value;
    return total;
  }

  /** The active meter whose event name records are reported under, looked up once. */
  private meter(): Promise<string> {
    this.meterId ??= (async () => {
      for await (const meter of this.stripe.billing.meters.list({ status: 'active' })) if (meter.event_name === this.meterEventName) return meter.id;
      throw new BillingRequestRefused(`Stripe has no active meter for the event name '${this.meterEventName}' (STRIPE_METER_EVENT_NAME)`);
    })().catch((error: unknown) => {
      this.meterId = undefined;
      throw error;
    });
    return this.meterId;
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
      throw new BillingRequestRefused(`Stripe refused the request (${error.rawType ?? error.type}): ${error.message}`);
    }
    throw error;
  }
}

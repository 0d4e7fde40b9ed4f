import type Stripe from 'stripe';
import { InvalidFieldError } from '../common/app-error';
import type { StripeSettings } from '../config/billing.config';

/**
 * Checks a webhook delivery the way Stripe signs it: an HMAC of `timestamp.rawBody` under the
 * endpoint's secret, in the `Stripe-Signature` header, with the timestamp no older than the
 * tolerance (a replayed delivery is refused). Through the SDK's own verification; the body must
 * be the bytes as received, before any JSON parsing.
 */
export class StripeWebhookVerifier {
  constructor(
    private readonly stripe: Stripe,
    private readonly settings: Pick<StripeSettings, 'webhookSecret' | 'webhookToleranceSeconds'>,
  ) {}

  verify(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    if (!signature) throw new InvalidFieldError('stripe-signature', 'header is required: Stripe signs every webhook delivery');
    if (!rawBody || rawBody.length === 0) throw new InvalidFieldError('(body)', 'a JSON Stripe event is required');
    try {
      return this.stripe.webhooks.constructEvent(rawBody, signature, this.settings.webhookSecret.reveal(), this.settings.webhookToleranceSeconds);
    } catch (error) {
      // The SDK's reasons: no signature for the secret, a signature that does not match, or a timestamp outside the tolerance.
      const reason = (error as Error).message.split(/[.\n]/)[0]!;
      throw new InvalidFieldError('stripe-signature', `does not verify: ${reason}`);
    }
  }
}

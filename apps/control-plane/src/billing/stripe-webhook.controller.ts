import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import { NotFoundError } from '../common/app-error';
import { StripeWebhookService, type WebhookOutcome } from './stripe-webhook.service';
import { StripeWebhookVerifier } from './stripe-webhook-verifier';

/**
 * Stripe's deliveries. Public to the user guards: the signature over the raw body is the
 * authentication. Every verified event is answered 200 with what became of it; only a delivery
 * that fails verification gets 400 (Stripe shows it as failed and retries it).
 */
@Controller('v1/billing/stripe/webhook')
@Public()
export class StripeWebhookController {
  constructor(
    @Inject(StripeWebhookVerifier) private readonly verifier: StripeWebhookVerifier | null,
    private readonly webhooks: StripeWebhookService,
  ) {}

  @Post()
  @HttpCode(200)
  async receive(@Req() request: RawBodyRequest<Request>, @Headers('stripe-signature') signature: string | undefined): Promise<{ received: true; outcome: WebhookOutcome }> {
    if (!this.verifier) throw new NotFoundError('Stripe webhook endpoint (billing is not connected to Stripe)');
    const event = this.verifier.verify(request.rawBody, signature);
    return { received: true, outcome: await this.webhooks.apply(event) };
  }
}

import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { Secret } from '@ade/config';
import { AppError } from '../common/app-error';
import { StripeWebhookVerifier } from './stripe-webhook-verifier';

const secret = 'whsec_test_verifier_0123456789';
const stripe = new Stripe('sk_test_verifier_only');
const verifier = new StripeWebhookVerifier(stripe, { webhookSecret: new Secret(secret), webhookToleranceSeconds: 300 });
const event = { id: 'evt_1', object: 'event', type: 'invoice.paid', created: 1_790_000_000, data: { object: { id: 'in_1' } } };
const body = JSON.stringify(event);
const header = (payload: string, at = Math.floor(Date.now() / 1000), key = secret) => stripe.webhooks.generateTestHeaderString({ payload, secret: key, timestamp: at });

/** The field and message of the 400 a delivery is refused with. */
function refusal(raw: Buffer | undefined, signature: string | undefined): { field: string; message: string } {
  try {
    verifier.verify(raw, signature);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') return error.fields[0]!;
    throw error;
  }
  throw new Error('the delivery was accepted');
}

describe('StripeWebhookVerifier', () => {
  it('accepts the exact bytes Stripe signed, returning the event', () => {
    expect(verifier.verify(Buffer.from(body), header(body))).toMatchObject({ id: 'evt_1', type: 'invoice.paid' });
  });

  it('refuses a delivery without the header, or without a body', () => {
    expect(refusal(Buffer.from(body), undefined)).toEqual({ field: 'stripe-signature', message: 'header is required: Stripe signs every webhook delivery' });
    expect(refusal(Buffer.from(body), '')).toEqual({ field: 'stripe-signature', message: 'header is required: Stripe signs every webhook delivery' });
    expect(refusal(undefined, header(body))).toEqual({ field: '(body)', message: 'a JSON Stripe event is required' });
    expect(refusal(Buffer.alloc(0), header(''))).toEqual({ field: '(body)', message: 'a JSON Stripe event is required' });
  });

  it('refuses another secret’s signature, a changed body and a header without a signature, with the SDK’s first sentence', () => {
    expect(refusal(Buffer.from(body), header(body, undefined, 'whsec_someone_else'))).toEqual({
      field: 'stripe-signature',
      message: 'does not verify: No signatures found matching the expected signature for payload',
    });
    expect(refusal(Buffer.from(body.replace('in_1', 'in_2')), header(body)).message).toBe('does not verify: No signatures found matching the expected signature for payload');
    expect(refusal(Buffer.from(body), 't=1790000000').message).toMatch(/^does not verify: /);
  });

  it('refuses a signature older than the tolerance, and accepts one just within it', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(refusal(Buffer.from(body), header(body, now - 301))).toEqual({ field: 'stripe-signature', message: 'does not verify: Timestamp outside the tolerance zone' });
    expect(verifier.verify(Buffer.from(body), header(body, now - 290)).id).toBe('evt_1');
  });
});

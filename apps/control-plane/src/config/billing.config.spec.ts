import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from '@ade/config';
import { BillingConfig, billingEnvSchema, DEFAULT_PLANS } from './billing.config';
import { loadControlPlaneConfig } from './control-plane.config';
import { minimalControlPlaneEnv } from './control-plane.config.fixtures';

const load = (BILLING_PLANS?: string) => BillingConfig.fromEnv(readEnv(billingEnvSchema, BILLING_PLANS === undefined ? {} : { BILLING_PLANS }));
const plan = { id: 'county', name: 'County', includedRecordsPerMonth: 250_000, pricePerThousandRecordsCents: 80, limits: { pipelines: 3, seats: 2, databricksClusters: 0 }, trialDays: 14 };
const priced = { ...plan, stripePrices: { base: 'price_county', records: 'price_county_records' } };
const stripeEnv = { STRIPE_SECRET_KEY: 'sk_test_51abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc123', BILLING_PLANS: JSON.stringify([priced]) };
const controlPlane = (env: Record<string, string>) => loadControlPlaneConfig({ ...minimalControlPlaneEnv, ...env }).billing;

describe('billing config', () => {
  it('sells the default plans unless BILLING_PLANS names others', () => {
    expect(load().plans).toEqual(DEFAULT_PLANS);
    expect(load().plan('enterprise')?.limits).toEqual({ pipelines: null, seats: null, databricksClusters: null });
    expect(load(JSON.stringify([plan])).plans).toEqual([plan]);
    expect(load(JSON.stringify([plan])).plan('starter')).toBeUndefined();
  });

  it('names the default plans starter, professional and enterprise', () => {
    expect(DEFAULT_PLANS.map((p) => [p.id, p.name, p.trialDays])).toEqual([
      ['starter', 'Starter', 14],
      ['professional', 'Professional', 14],
      ['enterprise', 'Enterprise', 14],
    ]);
  });

  it('takes distinct plans, ids of lower-case letters, digits, _ and - up to 32 characters', () => {
    const other = { ...priced, id: 'state_medicaid-2', stripePrices: { base: 'price_1AbC', records: 'price_2DeF' } };
    expect(load(JSON.stringify([priced, other])).plans.map((p) => p.id)).toEqual(['county', 'state_medicaid-2']);
    expect(load(JSON.stringify([{ ...plan, id: `c${'x'.repeat(31)}` }])).plans).toHaveLength(1);
  });

  it.each([
    ['not json', /BILLING_PLANS.*must be a JSON array of plans/],
    [JSON.stringify([{ ...plan, id: '1county' }]), /BILLING_PLANS: 0\.id: must be lower-case/],
    [JSON.stringify([{ ...plan, id: 'c' }]), /BILLING_PLANS: 0\.id: must be lower-case/],
    [JSON.stringify([{ ...plan, id: `c${'x'.repeat(32)}` }]), /BILLING_PLANS: 0\.id: must be lower-case/],
    [JSON.stringify([{ ...plan, id: 'county plan' }]), /BILLING_PLANS: 0\.id: must be lower-case/],
    [JSON.stringify([{ ...plan, id: 'co$nty' }]), /BILLING_PLANS: 0\.id: must be lower-case/],
    [JSON.stringify([{ ...plan, name: '' }]), /BILLING_PLANS: 0\.name: /],
    [JSON.stringify([{ ...plan, stripePrices: { base: 'xprice_1', records: 'price_2' } }]), /BILLING_PLANS: 0\.stripePrices\.base: must be a Stripe price id \('price_…'\)/],
    [JSON.stringify([{ ...plan, stripePrices: { base: 'price_1', records: 'price_2 extra' } }]), /BILLING_PLANS: 0\.stripePrices\.records: must be a Stripe price id \('price_…'\)/],
    ['[]', /BILLING_PLANS: Too small/],
    [JSON.stringify([plan, plan]), /BILLING_PLANS: must not name a plan id twice/],
    [JSON.stringify([{ ...plan, id: 'County Plan' }]), /BILLING_PLANS: 0\.id: must be lower-case/],
    [JSON.stringify([{ ...plan, limits: { ...plan.limits, seats: 0 } }]), /BILLING_PLANS: 0\.limits\.seats: /],
    [JSON.stringify([{ ...plan, includedRecordsPerMonth: -1 }]), /BILLING_PLANS: 0\.includedRecordsPerMonth: /],
    [JSON.stringify([{ ...plan, discount: 5 }]), /BILLING_PLANS: 0: .*discount/],
    [JSON.stringify([{ ...plan, trialDays: -1 }]), /BILLING_PLANS: 0\.trialDays: /],
    [JSON.stringify([{ ...plan, stripePrices: { base: 'prod_1', records: 'price_2' } }]), /BILLING_PLANS: 0\.stripePrices\.base: must be a Stripe price id/],
  ])('refuses BILLING_PLANS=%s, naming where', (value, message) => {
    expect(() => load(value)).toThrow(ConfigError);
    expect(() => load(value)).toThrow(message);
  });
});

describe('billing config with Stripe', () => {
  it('runs without Stripe unless both secrets are set, starting tenants on the first plan', () => {
    const billing = controlPlane({});
    expect(billing.stripe).toBeNull();
    expect(billing.defaultPlanId).toBe('starter');
    expect(load().plans[0]!.trialDays).toBe(14);
  });

  it('connects to Stripe with both secrets, kept out of every printed form', () => {
    const billing = controlPlane({ ...stripeEnv, BILLING_DEFAULT_PLAN: 'county', STRIPE_API_URL: 'http://127.0.0.1:12111' });
    expect(billing.defaultPlanId).toBe('county');
    expect(billing.stripe).toMatchObject({ webhookToleranceSeconds: 300, meterEventName: 'ade_records_processed', apiUrl: new URL('http://127.0.0.1:12111') });
    expect(billing.stripe!.secretKey.reveal()).toBe('sk_test_51abc');
    expect(billing.stripe!.webhookSecret.reveal()).toBe('whsec_abc123');
    expect(JSON.stringify(billing)).not.toMatch(/sk_test|whsec_abc/);
    expect(controlPlane(stripeEnv).stripe!.apiUrl.href).toBe('https://api.stripe.com/');
    expect(controlPlane(stripeEnv).reconcileEveryMinutes).toBe(60);
    expect(controlPlane({ ...stripeEnv, BILLING_RECONCILE_MINUTES: '15' }).reconcileEveryMinutes).toBe(15);
  });

  it.each([
    [{ STRIPE_SECRET_KEY: 'sk_test_51abc' }, /STRIPE_WEBHOOK_SECRET: is required when the other STRIPE_\* secret is set/],
    [{ STRIPE_WEBHOOK_SECRET: 'whsec_abc123' }, /STRIPE_SECRET_KEY: is required when the other STRIPE_\* secret is set/],
    [{ STRIPE_SECRET_KEY: 'pk_test_51abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' }, /STRIPE_SECRET_KEY: must be a Stripe secret or restricted key/],
    [{ ...stripeEnv, STRIPE_WEBHOOK_SECRET: 'abc' }, /STRIPE_WEBHOOK_SECRET: must be a webhook signing secret/],
    [{ ...stripeEnv, BILLING_PLANS: JSON.stringify([plan]) }, /BILLING_PLANS: county\.stripePrices: is required when STRIPE_SECRET_KEY is set/],
    [{ BILLING_DEFAULT_PLAN: 'gold' }, /BILLING_DEFAULT_PLAN: names no plan \(plans: starter, professional, enterprise\)/],
    [{ ...stripeEnv, STRIPE_WEBHOOK_TOLERANCE_SECONDS: '5' }, /STRIPE_WEBHOOK_TOLERANCE_SECONDS: /],
    [{ ...stripeEnv, STRIPE_API_URL: 'ftp://stripe' }, /STRIPE_API_URL: must be a URL with scheme https or http/],
    [{ ...stripeEnv, STRIPE_METER_EVENT_NAME: 'records processed' }, /STRIPE_METER_EVENT_NAME: must be 1-100 letters/],
    [{ ...stripeEnv, BILLING_RECONCILE_MINUTES: '0' }, /BILLING_RECONCILE_MINUTES: /],
    [{ ...stripeEnv, STRIPE_SECRET_KEY: 'xsk_test_51abc' }, /STRIPE_SECRET_KEY: must be a Stripe secret or restricted key/],
    [{ ...stripeEnv, STRIPE_SECRET_KEY: 'sk_test_51abc extra' }, /STRIPE_SECRET_KEY: must be a Stripe secret or restricted key/],
    [{ ...stripeEnv, STRIPE_WEBHOOK_SECRET: 'xwhsec_abc' }, /STRIPE_WEBHOOK_SECRET: must be a webhook signing secret/],
    [{ ...stripeEnv, STRIPE_WEBHOOK_SECRET: 'whsec_abc def' }, /STRIPE_WEBHOOK_SECRET: must be a webhook signing secret/],
    [{ ...stripeEnv, STRIPE_METER_EVENT_NAME: 'a'.repeat(101) }, /STRIPE_METER_EVENT_NAME: must be 1-100 letters/],
    [{ ...stripeEnv, STRIPE_METER_EVENT_NAME: '$$' }, /STRIPE_METER_EVENT_NAME: must be 1-100 letters/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => controlPlane(env)).toThrow(ConfigError);
    expect(() => controlPlane(env)).toThrow(message);
  });

  it('takes restricted keys, live keys, any default plan among the plans, and a meter event name of letters, digits, _ . -', () => {
    expect(controlPlane({ ...stripeEnv, STRIPE_SECRET_KEY: 'rk_live_9Zx' }).stripe!.secretKey.reveal()).toBe('rk_live_9Zx');
    expect(controlPlane({ BILLING_DEFAULT_PLAN: 'professional' }).defaultPlanId).toBe('professional');
    expect(controlPlane({ ...stripeEnv, STRIPE_METER_EVENT_NAME: 'ade.records-processed_v2' }).stripe!.meterEventName).toBe('ade.records-processed_v2');
  });

  it('never echoes a refused secret', () => {
    expect(() => controlPlane({ STRIPE_SECRET_KEY: 'sk_test_leak' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('sk_test_leak') }));
  });
});

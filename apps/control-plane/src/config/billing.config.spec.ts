import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from '@ade/config';
import { BillingConfig, billingEnvSchema, DEFAULT_PLANS } from './billing.config';

const load = (BILLING_PLANS?: string) => BillingConfig.fromEnv(readEnv(billingEnvSchema, BILLING_PLANS === undefined ? {} : { BILLING_PLANS }));
const plan = { id: 'county', name: 'County', includedRecordsPerMonth: 250_000, pricePerThousandRecordsCents: 80, limits: { pipelines: 3, seats: 2, databricksClusters: 0 } };

describe('billing config', () => {
  it('sells the default plans unless BILLING_PLANS names others', () => {
    expect(load().plans).toEqual(DEFAULT_PLANS);
    expect(load().plan('enterprise')?.limits).toEqual({ pipelines: null, seats: null, databricksClusters: null });
    expect(load(JSON.stringify([plan])).plans).toEqual([plan]);
    expect(load(JSON.stringify([plan])).plan('starter')).toBeUndefined();
  });

  it.each([
    ['not json', /BILLING_PLANS.*must be a JSON array of plans/],
    ['[]', /BILLING_PLANS: Too small/],
    [JSON.stringify([plan, plan]), /BILLING_PLANS: must not name a plan id twice/],
    [JSON.stringify([{ ...plan, id: 'County Plan' }]), /BILLING_PLANS: 0\.id: must be lower-case/],
    [JSON.stringify([{ ...plan, limits: { ...plan.limits, seats: 0 } }]), /BILLING_PLANS: 0\.limits\.seats: /],
    [JSON.stringify([{ ...plan, includedRecordsPerMonth: -1 }]), /BILLING_PLANS: 0\.includedRecordsPerMonth: /],
    [JSON.stringify([{ ...plan, discount: 5 }]), /BILLING_PLANS: 0: .*discount/],
  ])('refuses BILLING_PLANS=%s, naming where', (value, message) => {
    expect(() => load(value)).toThrow(ConfigError);
    expect(() => load(value)).toThrow(message);
  });
});

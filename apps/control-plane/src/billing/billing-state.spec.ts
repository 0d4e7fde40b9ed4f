import { describe, expect, it } from 'vitest';
import { applyBillingSignal, billingAllowsRuns, type BillingSignal, type BillingState } from './billing-state';

const NEW_TENANT: BillingState = { status: 'trialing', subscriptionId: null, asOf: 0 };
const apply = (signals: readonly BillingSignal[], from: BillingState = NEW_TENANT) => signals.reduce(applyBillingSignal, from);
const subscription = (stripeStatus: string, at: number, subscriptionId = 'sub_1'): BillingSignal => ({ kind: 'subscription', subscriptionId, stripeStatus, at });
const failed = (at: number, finalAttempt = false, subscriptionId = 'sub_1'): BillingSignal => ({ kind: 'invoice_payment_failed', subscriptionId, finalAttempt, at });
const paid = (at: number, subscriptionId = 'sub_1'): BillingSignal => ({ kind: 'invoice_paid', subscriptionId, at });
const deleted = (at: number, subscriptionId = 'sub_1'): BillingSignal => ({ kind: 'subscription_deleted', subscriptionId, at });

describe('applyBillingSignal', () => {
  it.each([
    ['trialing', 'trialing'],
    ['active', 'active'],
    ['past_due', 'past_due'],
    ['incomplete', 'past_due'],
    ['unpaid', 'suspended'],
    ['paused', 'suspended'],
    ['canceled', 'canceled'],
    ['incomplete_expired', 'canceled'],
  ])("reads Stripe's subscription status %s as %s", (stripeStatus, status) => {
    expect(apply([subscription(stripeStatus, 10)])).toEqual({ status, subscriptionId: 'sub_1', asOf: 10 });
  });

  it('ignores a subscription status it does not know', () => {
    expect(apply([subscription('active', 10), subscription('some_future_status', 20)])).toEqual({ status: 'active', subscriptionId: 'sub_1', asOf: 10 });
  });

  it('goes past due on a failed payment, suspended when Stripe stops retrying, and active again once paid', () => {
    const trail = [subscription('active', 10), failed(20), failed(30), failed(40, true), paid(50)];
    const states = trail.map((_, i) => apply(trail.slice(0, i + 1)).status);
    expect(states).toEqual(['active', 'past_due', 'past_due', 'suspended', 'active']);
    expect(states.map((status) => billingAllowsRuns(status))).toEqual([true, true, true, false, true]);
  });

  it('applies an event from the same second as the one that set the state (Stripe times events in seconds)', () => {
    expect(apply([subscription('active', 100), failed(100)])).toMatchObject({ status: 'past_due', asOf: 100 });
    expect(apply([subscription('active', 100), failed(99)])).toMatchObject({ status: 'active', asOf: 100 });
  });

  it('restores a past-due tenant, not only a suspended one, once paid', () => {
    expect(apply([subscription('active', 1), failed(2), paid(3)])).toEqual({ status: 'active', subscriptionId: 'sub_1', asOf: 3 });
  });

  it('keeps a suspension through further failed retries', () => {
    expect(apply([subscription('active', 10), failed(20, true), failed(30)]).status).toBe('suspended');
  });

  it("leaves a trial or a paid-up tenant as it is on a paid invoice (a trial's zero invoice)", () => {
    expect(apply([subscription('trialing', 10), paid(11)])).toEqual({ status: 'trialing', subscriptionId: 'sub_1', asOf: 10 });
    expect(apply([subscription('active', 10), paid(11)])).toEqual({ status: 'active', subscriptionId: 'sub_1', asOf: 10 });
  });

  it('lets the newest event decide, whatever the order of arrival', () => {
    const events = [subscription('trialing', 10), subscription('active', 20), failed(30), subscription('past_due', 31), paid(40), subscription('active', 41)];
    const orders = [events, [...events].reverse(), [events[3]!, events[0]!, events[5]!, events[2]!, events[1]!, events[4]!]];
    // Reversed, the first event applied is the newest: everything older changes nothing.
    expect(orders.map((order) => apply(order))).toEqual(orders.map(() => ({ status: 'active', subscriptionId: 'sub_1', asOf: 41 })));
    expect(apply([subscription('active', 20), subscription('trialing', 10)])).toEqual({ status: 'active', subscriptionId: 'sub_1', asOf: 20 });
  });

  it('applies an event delivered again without changing the outcome', () => {
    const once = apply([subscription('active', 10), failed(20)]);
    expect(apply([failed(20)], once)).toEqual(once);
  });

  it('keeps a canceled subscription canceled, and follows the tenant to a new subscription', () => {
    const canceled = apply([subscription('active', 10), deleted(20)]);
    expect(canceled).toEqual({ status: 'canceled', subscriptionId: 'sub_1', asOf: 20 });
    expect(apply([subscription('active', 30), paid(31), failed(32)], canceled)).toEqual(canceled);
    expect(apply([subscription('active', 40, 'sub_2')], canceled)).toEqual({ status: 'active', subscriptionId: 'sub_2', asOf: 40 });
  });

  it("ignores news of a subscription that is not the tenant's current one", () => {
    const onSecond = apply([subscription('active', 10), subscription('active', 20, 'sub_2')]);
    expect(apply([deleted(30), failed(31), subscription('canceled', 32)], onSecond)).toEqual(onSecond);
    expect(apply([paid(5, 'sub_9')])).toEqual(NEW_TENANT);
    expect(apply([failed(5, true, 'sub_9')])).toEqual(NEW_TENANT);
  });

  it('allows runs while trialing, active or past due, and not when suspended or canceled', () => {
    expect((['trialing', 'active', 'past_due', 'suspended', 'canceled'] as const).map(billingAllowsRuns)).toEqual([true, true, true, false, false]);
  });
});

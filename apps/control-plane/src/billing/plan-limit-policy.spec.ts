import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANS, type Plan } from '../config/billing.config';
import { capOf, limitRefusal } from './plan-limit-policy';

const plan = (id: string): Plan => DEFAULT_PLANS.find((candidate) => candidate.id === id)!;

describe('plan limits', () => {
  it('reads a plan’s cap, none for an unlimited plan or no plan', () => {
    expect(capOf(plan('starter'), 'pipelines')).toBe(5);
    expect(capOf(plan('professional'), 'seats')).toBe(25);
    expect(capOf(plan('enterprise'), 'pipelines')).toBeNull();
    expect(capOf(undefined, 'seats')).toBeNull();
  });

  it('lets a tenant add up to the cap and refuses the next, naming plan, limit and count', () => {
    expect(limitRefusal(plan('starter'), 'pipelines', 0)).toBeNull();
    expect(limitRefusal(plan('starter'), 'pipelines', 4)).toBeNull();
    expect(limitRefusal(plan('starter'), 'pipelines', 5)).toBe(
      'plan limit reached: the Starter plan (starter) allows 5 pipelines and the tenant has 5; change to a larger plan to add more',
    );
    expect(limitRefusal(plan('starter'), 'seats', 7)).toBe(
      'plan limit reached: the Starter plan (starter) allows 5 seats (users) and the tenant has 7; change to a larger plan to add more',
    );
    expect(limitRefusal(plan('enterprise'), 'seats', 1_000_000)).toBeNull();
  });
});

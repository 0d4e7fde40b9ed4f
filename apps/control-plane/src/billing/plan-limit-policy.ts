import { planLimitRefusal } from '@ade/contracts';
import type { Plan } from '../config/billing.config';

/** What a plan counts: a pipeline defined, a person with a login to the tenant. */
export type PlanLimit = 'pipelines' | 'seats';

const NOUN: Record<PlanLimit, string> = { pipelines: 'pipelines', seats: 'seats (users)' };

/** The plan's cap on `limit`, or null when there is none (no plan known, or the plan sets none). */
export function capOf(plan: Plan | undefined, limit: PlanLimit): number | null {
  return plan?.limits[limit] ?? null;
}

/** Why one more cannot be added with `existing` already there; null when it can. */
export function limitRefusal(plan: Plan, limit: PlanLimit, existing: number): string | null {
  const cap = capOf(plan, limit);
  if (cap === null || existing < cap) return null;
  return planLimitRefusal(plan, cap, NOUN[limit], existing);
}

import { Injectable } from '@nestjs/common';
import { PaymentRequiredError } from '../common/app-error';
import { BillingConfig, type Plan } from '../config/billing.config';
import { BillingAccountsRepository } from './billing-accounts.repository';

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
  return `plan limit reached: the ${plan.name} plan (${plan.id}) allows ${cap} ${NOUN[limit]} and the tenant has ${existing}; change to a larger plan to add more`;
}

/**
 * The limits of the tenant's plan, checked before something counted is added. Checked, not
 * reserved: two additions racing at the limit may both pass, which costs one over the limit at
 * most per concurrent request; the next addition is refused.
 */
@Injectable()
export class PlanLimits {
  constructor(
    private readonly accounts: BillingAccountsRepository,
    private readonly config: BillingConfig,
  ) {}

  /** Throws 402 naming the plan and the limit when the tenant already has its plan's number of them. */
  async assertRoomFor(tenantId: string, limit: PlanLimit, countExisting: () => Promise<number>): Promise<void> {
    const account = await this.accounts.get(tenantId);
    const plan = account ? this.config.plan(account.planId) : undefined;
    if (!plan || capOf(plan, limit) === null) return;
    const refusal = limitRefusal(plan, limit, await countExisting());
    if (refusal) throw new PaymentRequiredError(refusal);
  }
}

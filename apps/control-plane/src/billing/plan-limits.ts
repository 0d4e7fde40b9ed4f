import { Injectable } from '@nestjs/common';
import { PaymentRequiredError } from '../common/app-error';
import { BillingConfig } from '../config/billing.config';
import { BillingAccountsRepository } from './billing-accounts.repository';
import { capOf, limitRefusal, type PlanLimit } from './plan-limit-policy';

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

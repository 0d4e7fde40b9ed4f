import { Injectable } from '@nestjs/common';
import { PaymentRequiredError } from '../common/app-error';
import { BillingAccountsRepository } from './billing-accounts.repository';
import { billingAllowsRuns, type BillingStatus } from './billing-state';

const WHAT_RESTORES: Partial<Record<BillingStatus, string>> = {
  suspended: 'runs resume once the unpaid invoice is paid in Stripe',
  canceled: 'subscribe to a plan again to resume runs',
};

/** Whether billing lets a tenant start runs; manual triggers and schedules both ask. */
@Injectable()
export class BillingStanding {
  constructor(private readonly accounts: BillingAccountsRepository) {}

  /** Throws PaymentRequiredError (402) naming the state and what restores runs. */
  async assertRunsAllowed(tenantId: string): Promise<void> {
    const account = await this.accounts.get(tenantId);
    // Every tenant has a billing row (created with it, or by the billing migration); none means no billing to enforce.
    if (!account || billingAllowsRuns(account.status)) return;
    throw new PaymentRequiredError(`runs are paused: the tenant's subscription is ${account.status}; ${WHAT_RESTORES[account.status]}`);
  }
}

import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/app-error';
import { BillingConfig } from '../config/billing.config';
import { BillingAccountsRepository } from './billing-accounts.repository';
import { billingMonth } from './billing-period';
import { billingView, type BillingView } from './billing.view';
import { UsageReconciliationsRepository } from './usage-reconciliations.repository';
import { UsageRecordsRepository } from './usage-records.repository';

const NO_USAGE = { runs: 0, records: 0, reportedRecords: 0, pendingRecords: 0 };

@Injectable()
export class BillingService {
  constructor(
    private readonly accounts: BillingAccountsRepository,
    private readonly usage: UsageRecordsRepository,
    private readonly reconciliations: UsageReconciliationsRepository,
    private readonly config: BillingConfig,
  ) {}

  async forTenant(tenantId: string, now = new Date()): Promise<BillingView> {
    const account = await this.accounts.get(tenantId);
    if (!account) throw new NotFoundError('billing account');
    const { month, from, to } = billingMonth(now);
    const [usage, reconciliation] = await Promise.all([this.usage.totals(tenantId, from, to), this.reconciliations.get(tenantId, month)]);
    return billingView(account, this.config.plan(account.planId), month, usage, reconciliation);
  }

  /** Every tenant's standing and month, for platform operators. */
  async overview(now = new Date()): Promise<BillingView[]> {
    const { month, from, to } = billingMonth(now);
    const [accounts, usage] = await Promise.all([this.accounts.list(), this.usage.totalsByTenant(from, to)]);
    return accounts.map((account) => billingView(account, this.config.plan(account.planId), month, usage.get(account.tenantId) ?? NO_USAGE));
  }
}

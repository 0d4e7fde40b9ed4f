import { Injectable } from '@nestjs/common';
import { BillingConfig } from '../config/billing.config';
import { BillingJobs } from './billing-jobs';
import { UsageRecordsRepository } from './usage-records.repository';

/** Records a succeeded run's usage and, with Stripe connected, queues its report. */
@Injectable()
export class UsageLedger {
  constructor(
    private readonly records: UsageRecordsRepository,
    private readonly jobs: BillingJobs,
    private readonly config: BillingConfig,
  ) {}

  /**
   * Safe to call for every delivery of a run's success: the run is recorded once, and its report
   * queued under the run's id (a second queueing is the same job). Called after the run row is
   * marked succeeded, whose processed rows it reads.
   */
  async runSucceeded(tenantId: string, runId: string): Promise<void> {
    const record = await this.records.recordRun(tenantId, runId);
    if (record?.status === 'pending' && this.config.stripe) await this.jobs.reportUsage(tenantId, runId);
  }
}

import type { CliIo } from '../cli-io';
import { commonOptions, parse, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';

const usage = 'ade billing status [--api-url URL] [--json]';

interface BillingView {
  tenantId: string;
  status: string;
  runsAllowed: boolean;
  plan: { id: string; name: string | null; includedRecordsPerMonth: number | null };
  stripe: { customerId: string | null; subscriptionId: string | null; accountError: string | null };
  trialWillEndAt: string | null;
  usage: { month: string; runs: number; records: number; reportedRecords: number; pendingRecords: number; overageRecords?: number; estimatedOverageCents?: number };
}

const count = (n: number) => n.toLocaleString('en-US');
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

function describe(view: BillingView): string[] {
  const { usage } = view;
  const allowance = view.plan.includedRecordsPerMonth === null ? '' : ` of ${count(view.plan.includedRecordsPerMonth)} included`;
  const overage = usage.overageRecords ? `; ${count(usage.overageRecords)} over, about ${dollars(usage.estimatedOverageCents ?? 0)}` : '';
  return [
    `Status   ${view.status}${view.runsAllowed ? '' : ' (runs paused)'}${view.trialWillEndAt ? `; trial ends ${view.trialWillEndAt.slice(0, 10)}` : ''}`,
    `Plan     ${view.plan.name ?? view.plan.id} (${view.plan.id})`,
    `Usage    ${usage.month}: ${count(usage.records)} records in ${count(usage.runs)} runs${allowance}${overage}; ${count(usage.reportedRecords)} reported to Stripe, ${count(usage.pendingRecords)} pending`,
    `Stripe   ${view.stripe.customerId ?? '- (not connected)'}${view.stripe.subscriptionId ? `, subscription ${view.stripe.subscriptionId}` : ''}${view.stripe.accountError ? ` (${view.stripe.accountError})` : ''}`,
  ];
}

/** A tenant user's own billing; a platform operator's overview of every tenant. */
export const billingStatusCommand: Command = {
  path: ['billing', 'status'],
  usage,
  summary: "Show your tenant's billing standing, plan and this month's usage (operators: every tenant's)",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(argv, commonOptions, usage);
    const client = await authenticatedClient(io, values['api-url']);
    const me = await client.get<{ tenantId: string | null }>('/v1/auth/me');
    if (me.tenantId) {
      const view = await client.get<BillingView>('/v1/billing');
      emit(io, values.json, view, () => describe(view));
      return 0;
    }
    const { items } = await client.get<{ items: BillingView[] }>('/v1/billing/accounts');
    emit(io, values.json, { items }, () => [
      `${'TENANT'.padEnd(36)}  ${'STATUS'.padEnd(9)}  ${'PLAN'.padEnd(12)}  RECORDS THIS MONTH`,
      ...items.map((view) => `${view.tenantId}  ${view.status.padEnd(9)}  ${view.plan.id.padEnd(12)}  ${count(view.usage.records)}`),
    ]);
    return 0;
  },
};

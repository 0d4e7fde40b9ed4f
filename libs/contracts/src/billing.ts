import { z } from 'zod';

/**
 * Jobs of the control plane's billing queue: the data plane never sees them (workers' Redis
 * users reach only their tenant queues and the events queue). Ids only: what Stripe is told is
 * read from the database when the job runs.
 */
export const BILLING_JOBS = {
  /** Create the tenant's Stripe customer and its first (trial) subscription. */
  openAccount: 'billing.open_account',
  /** Report one run's processed records to Stripe's billing meter. */
  reportUsage: 'billing.report_usage',
  /** Scheduled: re-queue unreported usage, and compare each tenant's reported records with Stripe's meter. */
  reconcileUsage: 'billing.reconcile_usage',
} as const;

export const openBillingAccountSchema = z.object({ tenantId: z.uuid() }).strict();
export type OpenBillingAccount = z.infer<typeof openBillingAccountSchema>;

export const reportUsageSchema = z.object({ tenantId: z.uuid(), runId: z.uuid() }).strict();
export type ReportUsage = z.infer<typeof reportUsageSchema>;

export const reconcileUsageSchema = z.object({}).strict();

/**
 * Why one more of what a plan limits cannot be added: worded once, for the API's 402 and for
 * `ade cluster create`, which checks the cluster limit itself.
 */
export function planLimitRefusal(plan: { id: string; name: string }, cap: number, noun: string, existing: number): string {
  return `plan limit reached: the ${plan.name} plan (${plan.id}) allows ${cap} ${noun} and the tenant has ${existing}; change to a larger plan to add more`;
}

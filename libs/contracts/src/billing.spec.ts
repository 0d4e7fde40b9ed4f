import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BILLING_JOBS, openBillingAccountSchema, planLimitRefusal, reconcileUsageSchema, reportUsageSchema } from './billing';
import { BILLING_QUEUE, EVENTS_QUEUE, SCHEDULES_QUEUE } from './queues';
import { describeIssues } from './violation';

const problems = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? null : describeIssues(result.error.issues);
};

const tenantId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const runId = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

describe('billing jobs', () => {
  it('run on a queue of their own, apart from what workers reach', () => {
    expect(BILLING_QUEUE).toBe('billing');
    expect(new Set([BILLING_QUEUE, EVENTS_QUEUE, SCHEDULES_QUEUE]).size).toBe(3);
    expect(BILLING_JOBS).toEqual({ openAccount: 'billing.open_account', reportUsage: 'billing.report_usage', reconcileUsage: 'billing.reconcile_usage' });
  });

  it('carry ids only', () => {
    expect(openBillingAccountSchema.parse({ tenantId })).toEqual({ tenantId });
    expect(reportUsageSchema.parse({ tenantId, runId })).toEqual({ tenantId, runId });
    expect(problems(reportUsageSchema, { tenantId, runId, records: 5 })).toBe('(root): Unrecognized key: "records"');
    expect(problems(openBillingAccountSchema, { tenantId, email: 'a@b.c' })).toBe('(root): Unrecognized key: "email"');
    expect(reconcileUsageSchema.parse({})).toEqual({});
    expect(problems(reconcileUsageSchema, { tenantId })).toBe('(root): Unrecognized key: "tenantId"');
  });

  it.each(['tenantId', 'runId'] as const)('requires %s as a uuid', (field) => {
    expect(problems(reportUsageSchema, { tenantId, runId, [field]: 'run-1' })).toBe(`${field}: Invalid UUID`);
    const { [field]: _, ...rest } = { tenantId, runId };
    expect(problems(reportUsageSchema, rest)).toBe(`${field}: Invalid input: expected string, received undefined`);
  });
});

describe('planLimitRefusal', () => {
  it('names the plan, the limit, what the tenant has and what to do', () => {
    expect(planLimitRefusal({ id: 'starter', name: 'Starter' }, 0, 'Databricks clusters', 0)).toBe(
      'plan limit reached: the Starter plan (starter) allows 0 Databricks clusters and the tenant has 0; change to a larger plan to add more',
    );
  });
});

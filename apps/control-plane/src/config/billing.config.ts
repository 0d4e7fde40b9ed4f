import { z } from 'zod';

/** A limit of a plan: a count, or null for none. */
const limit = z.number().int().positive().nullable();

const planSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/, 'must be lower-case letters, digits, _ or -, starting with a letter'),
  name: z.string().min(1),
  /** Records processed per calendar month within the subscription's price. */
  includedRecordsPerMonth: z.number().int().nonnegative(),
  /** What each further thousand records costs, in cents. */
  pricePerThousandRecordsCents: z.number().int().nonnegative(),
  limits: z.strictObject({ pipelines: limit, seats: limit, databricksClusters: z.number().int().nonnegative().nullable() }),
});

export type Plan = z.infer<typeof planSchema>;

/** The plans a deployment sells unless BILLING_PLANS says otherwise. */
export const DEFAULT_PLANS: readonly Plan[] = [
  { id: 'starter', name: 'Starter', includedRecordsPerMonth: 1_000_000, pricePerThousandRecordsCents: 50, limits: { pipelines: 5, seats: 5, databricksClusters: 0 } },
  { id: 'professional', name: 'Professional', includedRecordsPerMonth: 20_000_000, pricePerThousandRecordsCents: 25, limits: { pipelines: 50, seats: 25, databricksClusters: 3 } },
  { id: 'enterprise', name: 'Enterprise', includedRecordsPerMonth: 500_000_000, pricePerThousandRecordsCents: 10, limits: { pipelines: null, seats: null, databricksClusters: null } },
];

const plansSchema = z
  .array(planSchema)
  .min(1)
  .refine((plans) => new Set(plans.map((plan) => plan.id)).size === plans.length, 'must not name a plan id twice');

/** Environment variables of billing; merged into the control plane's schema. */
export const billingEnvSchema = z.object({
  /** A JSON array of plans (see planSchema); the default plans when unset. Errors name the plan and field. */
  BILLING_PLANS: z
    .string()
    .transform((text, ctx) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of plans' });
        return z.NEVER;
      }
      const plans = plansSchema.safeParse(value);
      if (plans.success) return plans.data;
      for (const issue of plans.error.issues) ctx.addIssue({ code: 'custom', message: issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message });
      return z.NEVER;
    })
    .optional(),
});

type BillingEnv = z.infer<typeof billingEnvSchema>;

export class BillingConfig {
  constructor(readonly plans: readonly Plan[]) {}

  plan(id: string): Plan | undefined {
    return this.plans.find((plan) => plan.id === id);
  }

  static fromEnv(env: BillingEnv): BillingConfig {
    return new BillingConfig(env.BILLING_PLANS ?? DEFAULT_PLANS);
  }
}

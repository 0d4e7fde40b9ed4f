import { z } from 'zod';
import { envInt, envUrl, Secret } from '@ade/config';

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
  /** Days a new tenant's first subscription is free before Stripe asks for payment. */
  trialDays: z.number().int().min(0).max(730).default(14),
  /**
   * The plan's Stripe prices: `base`, the licensed monthly price, and `records`, the metered price
   * attached to the records-processed meter. Required when Stripe is connected.
   */
  stripePrices: z.strictObject({ base: z.string().regex(/^price_\w+$/, "must be a Stripe price id ('price_…')"), records: z.string().regex(/^price_\w+$/, "must be a Stripe price id ('price_…')") }).optional(),
});

export type Plan = z.infer<typeof planSchema>;
type PlanInput = z.input<typeof planSchema>;

/** The plans a deployment sells unless BILLING_PLANS says otherwise. */
export const DEFAULT_PLANS: readonly Plan[] = (
  [
    { id: 'starter', name: 'Starter', includedRecordsPerMonth: 1_000_000, pricePerThousandRecordsCents: 50, limits: { pipelines: 5, seats: 5, databricksClusters: 0 } },
    { id: 'professional', name: 'Professional', includedRecordsPerMonth: 20_000_000, pricePerThousandRecordsCents: 25, limits: { pipelines: 50, seats: 25, databricksClusters: 3 } },
    { id: 'enterprise', name: 'Enterprise', includedRecordsPerMonth: 500_000_000, pricePerThousandRecordsCents: 10, limits: { pipelines: null, seats: null, databricksClusters: null } },
  ] satisfies PlanInput[]
).map((plan) => planSchema.parse(plan));

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
  /** The plan a new tenant starts on when its creator names none; the first plan when unset. */
  BILLING_DEFAULT_PLAN: z.string().min(1).optional(),
  /** A secret or restricted API key; unset, the platform runs without Stripe (every tenant active, nothing reported). */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret or restricted key ('sk_live_…', 'rk_test_…')")
    .transform((key) => new Secret(key))
    .optional(),
  /** The signing secret of the webhook endpoint (POST /v1/billing/stripe/webhook). */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, "must be a webhook signing secret ('whsec_…')")
    .transform((key) => new Secret(key))
    .optional(),
  /** How old a webhook's signed timestamp may be before it is refused as a replay. */
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: envInt(30, 3600).default(300),
  /** Where Stripe's API is reached: https://api.stripe.com unless a proxy (or a test double) stands in. */
  STRIPE_API_URL: envUrl(['https', 'http']).default('https://api.stripe.com'),
  /** How often reported usage is compared with Stripe's meter (and unreported usage queued again). */
  BILLING_RECONCILE_MINUTES: envInt(1, 1440).default(60),
  /** The `event_name` of the billing meter records processed are reported to. */
  STRIPE_METER_EVENT_NAME: z.string().regex(/^[\w.-]{1,100}$/, 'must be 1-100 letters, digits, _ . or -').default('ade_records_processed'),
});

type BillingEnv = z.infer<typeof billingEnvSchema>;

/** How the control plane reaches Stripe, when it does. */
export interface StripeSettings {
  secretKey: Secret;
  webhookSecret: Secret;
  webhookToleranceSeconds: number;
  apiUrl: URL;
  meterEventName: string;
}

/**
 * Cross-variable rules of billing, for the control plane schema's superRefine: the two Stripe
 * secrets come together, the default plan exists, and with Stripe connected every plan names its
 * prices. Each problem names the variable to fix.
 */
export function billingEnvProblems(env: BillingEnv): Array<{ variable: string; message: string }> {
  const problems: Array<{ variable: string; message: string }> = [];
  if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
    const missing = env.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY';
    problems.push({ variable: missing, message: 'is required when the other STRIPE_* secret is set' });
  }
  const plans = env.BILLING_PLANS ?? DEFAULT_PLANS;
  if (env.BILLING_DEFAULT_PLAN !== undefined && !plans.some((plan) => plan.id === env.BILLING_DEFAULT_PLAN)) {
    problems.push({ variable: 'BILLING_DEFAULT_PLAN', message: `names no plan (plans: ${plans.map((plan) => plan.id).join(', ')})` });
  }
  if (env.STRIPE_SECRET_KEY) {
    for (const plan of plans.filter((candidate) => !candidate.stripePrices)) {
      problems.push({ variable: 'BILLING_PLANS', message: `${plan.id}.stripePrices: is required when STRIPE_SECRET_KEY is set` });
    }
  }
  return problems;
}

export class BillingConfig {
  constructor(
    readonly plans: readonly Plan[],
    readonly defaultPlanId: string,
    /** Null when no Stripe account is connected. */
    readonly stripe: StripeSettings | null,
    readonly reconcileEveryMinutes = 60,
  ) {}

  plan(id: string): Plan | undefined {
    return this.plans.find((plan) => plan.id === id);
  }

  /** Why `id` names no plan, listing the plans there are; null when it names one. */
  unknownPlanProblem(id: string): string | null {
    return this.plan(id) ? null : `is not a plan of this platform (plans: ${this.plans.map((plan) => plan.id).join(', ')})`;
  }

  static fromEnv(env: BillingEnv): BillingConfig {
    const plans = env.BILLING_PLANS ?? DEFAULT_PLANS;
    const stripe =
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: env.STRIPE_SECRET_KEY,
            webhookSecret: env.STRIPE_WEBHOOK_SECRET,
            webhookToleranceSeconds: env.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
            apiUrl: new URL(env.STRIPE_API_URL),
            meterEventName: env.STRIPE_METER_EVENT_NAME,
          }
        : null;
    return new BillingConfig(plans, env.BILLING_DEFAULT_PLAN ?? plans[0]!.id, stripe, env.BILLING_RECONCILE_MINUTES);
  }
}

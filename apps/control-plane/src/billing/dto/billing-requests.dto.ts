import { z } from 'zod';

/** Where Stripe sends the browser back: an absolute http(s) URL. */
const returnUrl = z
  .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' })
  .max(2000);

export const changePlanSchema = z.object({ plan: z.string().min(1).max(32) }).strict();
export type ChangePlanDto = z.infer<typeof changePlanSchema>;

export const cancelSubscriptionQuerySchema = z
  .object({
    /** `period_end` (default): the tenant keeps what it paid for until the period ends; `now`: runs stop at once. */
    when: z.enum(['period_end', 'now']).default('period_end'),
  })
  .strict();
export type CancelSubscriptionQuery = z.infer<typeof cancelSubscriptionQuerySchema>;

export const checkoutSessionSchema = z.object({ plan: z.string().min(1).max(32).optional(), successUrl: returnUrl, cancelUrl: returnUrl }).strict();
export type CheckoutSessionDto = z.infer<typeof checkoutSessionSchema>;

export const portalSessionSchema = z.object({ returnUrl }).strict();
export type PortalSessionDto = z.infer<typeof portalSessionSchema>;

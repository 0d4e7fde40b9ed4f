import { z } from 'zod';

export const costReportQuerySchema = z
  .object({
    /** The month reported (UTC, YYYY-MM); with `monthly`, the last of the twelve. Default: this month. */
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM').optional(),
    /** Twelve months up to `month`, one row per month, instead of one month's rows per pipeline (per tenant, for operators). */
    monthly: z.enum(['true', 'false']).transform((value) => value === 'true').default(false),
    /** One pipeline's runs only (tenant users). */
    pipeline: z.uuid().optional(),
    /** One tenant only (operators). */
    tenantId: z.uuid().optional(),
  })
  .strict();
export type CostReportQuery = z.infer<typeof costReportQuerySchema>;

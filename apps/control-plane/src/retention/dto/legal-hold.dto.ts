import { z } from 'zod';

export const legalHoldSchema = z
  .object({
    enabled: z.boolean(),
    /** Why (e.g. a matter number). Kept on the tenant, not copied into the audit log. */
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type LegalHoldDto = z.infer<typeof legalHoldSchema>;

import { z } from 'zod';

export const setRateLimitSchema = z
  .object({
    /** Requests per window for this tenant; null returns it to the platform default. */
    apiRateLimitPerMinute: z.number().int().min(1).max(1_000_000).nullable(),
  })
  .strict();
export type SetRateLimitDto = z.infer<typeof setRateLimitSchema>;

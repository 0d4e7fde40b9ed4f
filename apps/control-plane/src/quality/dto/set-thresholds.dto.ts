import { z } from 'zod';

/** Either threshold, or both; null turns one off, an omitted one stays as it is. */
export const setThresholdsSchema = z
  .object({
    minQuality: z.number().min(0).max(1).nullable().optional(),
    maxAnomaly: z.number().gt(0).max(1_000_000).nullable().optional(),
  })
  .strict()
  .refine((body) => body.minQuality !== undefined || body.maxAnomaly !== undefined, 'must set minQuality or maxAnomaly');
export type SetThresholdsDto = z.infer<typeof setThresholdsSchema>;

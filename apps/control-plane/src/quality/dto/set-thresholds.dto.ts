import { z } from 'zod';

/** Any of the thresholds; null turns one off, an omitted one stays as it is (at first, the default). */
export const setThresholdsSchema = z
  .object({
    minQuality: z.number().min(0).max(1).nullable().optional(),
    maxAnomaly: z.number().gt(0).max(1_000_000).nullable().optional(),
    maxDrop: z.number().gt(0).max(1).nullable().optional(),
  })
  .strict()
  .refine((body) => body.minQuality !== undefined || body.maxAnomaly !== undefined || body.maxDrop !== undefined, 'must set minQuality, maxAnomaly or maxDrop');
export type SetThresholdsDto = z.infer<typeof setThresholdsSchema>;

import { z } from 'zod';

/** Per-pipeline reader options. Config only: nothing here may ever hold row data. */
export const pipelineOptionsSchema = z
  .object({
    delimiter: z.string().length(1, 'must be a single character').optional(),
    quote: z.string().length(1, 'must be a single character').optional(),
    header: z.boolean().optional(),
    state: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter upper-case state code')
      .optional(),
  })
  .strict();

export type PipelineOptions = z.infer<typeof pipelineOptionsSchema>;

import { z } from 'zod';

/** A whole mapping, canonical column → the column of the pipeline's files (as bronze names it). */
export const putMappingSchema = z
  .object({
    columns: z
      .record(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a canonical column name'), z.string().min(1).max(256))
      .refine((columns) => Object.keys(columns).length > 0, 'must map at least one column'),
  })
  .strict();
export type PutMappingDto = z.infer<typeof putMappingSchema>;

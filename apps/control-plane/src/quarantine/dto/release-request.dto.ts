import { z } from 'zod';
import { resourceIdSchema } from '../../common/resource-id';

export const quarantineQuerySchema = z.object({ table: z.string().min(1).max(200) }).strict();
export type QuarantineQuery = z.infer<typeof quarantineQuerySchema>;

export const releaseRequestSchema = z
  .object({
    table: z.string().min(1).max(200),
    /** Only rows quarantined by these rules; all of the table's quarantined rows when absent. */
    rules: z.array(z.string().min(1).max(128)).min(1).max(100).optional(),
    /** Only rows quarantined by this run. */
    runId: resourceIdSchema.optional(),
    /** Needed when more than one pipeline writes the table. */
    pipelineId: resourceIdSchema.optional(),
  })
  .strict();
export type ReleaseRequestDto = z.infer<typeof releaseRequestSchema>;

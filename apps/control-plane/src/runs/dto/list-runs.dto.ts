import { z } from 'zod';
import { RUN_STATUSES } from '@ade/contracts';

export const listRunsQuerySchema = z
  .object({
    status: z.enum(RUN_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListRunsQuery = z.infer<typeof listRunsQuerySchema>;

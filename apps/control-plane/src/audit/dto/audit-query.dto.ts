import { z } from 'zod';
import { resourceIdSchema } from '../../common/resource-id';

/** `tenantId` picks the chain for platform operators (none: the platform chain); tenant admins read their own. */
export const verifyAuditQuerySchema = z.object({ tenantId: resourceIdSchema.optional() }).strict();
export type VerifyAuditQuery = z.infer<typeof verifyAuditQuerySchema>;

export const listAuditQuerySchema = z
  .object({
    tenantId: resourceIdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    /** A seq: entries older than it (the `nextBefore` of the previous page). */
    before: z.coerce.number().int().min(1).optional(),
  })
  .strict();
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

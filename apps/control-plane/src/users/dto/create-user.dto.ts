import { z } from 'zod';
import { ROLES } from '@ade/contracts';
import { resourceIdSchema } from '../../common/resource-id';

export const createUserSchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(12, 'must be at least 12 characters').max(256),
    role: z.enum(ROLES),
    /** Required when a platform operator creates a tenant user; a tenant admin's own tenant otherwise. */
    tenantId: resourceIdSchema.optional(),
  })
  .strict();
export type CreateUserDto = z.infer<typeof createUserSchema>;

export const listUsersQuerySchema = z.object({ tenantId: resourceIdSchema.optional() }).strict();
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

import { z } from 'zod';
import { catalogName } from '@ade/contracts';

export const createTenantSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or dashes, starting with a letter or digit'),
    /** Name the tenant's catalog is mounted under; defaults to the platform's default. */
    catalogName: catalogName.optional(),
    /** The billing plan the tenant starts on (an id of BILLING_PLANS); the platform's default plan otherwise. */
    plan: z.string().min(1).max(32).optional(),
  })
  .strict();
export type CreateTenantDto = z.infer<typeof createTenantSchema>;

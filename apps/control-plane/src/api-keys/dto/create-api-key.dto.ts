import { z } from 'zod';
import { API_KEY_SCOPES } from '../api-key-scopes';

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(API_KEY_SCOPES))
      .min(1)
      .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
    /** Days until the key stops working; without it the key lasts until revoked. */
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type CreateApiKeyDto = z.infer<typeof createApiKeySchema>;

import { z } from 'zod';

export const tokenRequestSchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(256),
    /** The second factor of an account that has one: a 6-digit TOTP code or a recovery code. */
    code: z.string().min(6).max(32).optional(),
  })
  .strict();
export type TokenRequestDto = z.infer<typeof tokenRequestSchema>;

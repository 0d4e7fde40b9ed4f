import { z } from 'zod';

export const tokenRequestSchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(256),
  })
  .strict();
export type TokenRequestDto = z.infer<typeof tokenRequestSchema>;

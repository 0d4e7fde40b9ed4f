import { z } from 'zod';
import { ROLES, type Role } from '@ade/contracts';

/** Who is calling, as proven by the access token. */
export interface AuthUser {
  userId: string;
  tenantId: string | null;
  role: Role;
}

/** Claims inside our access tokens. */
export const accessTokenClaims = z.object({
  sub: z.uuid(),
  tid: z.uuid().nullable(),
  role: z.enum(ROLES),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;

import { z } from 'zod';
import { ROLES, type Role } from '@ade/contracts';
import type { ApiKeyScope } from '../api-keys/api-key-scopes';

/** Who is calling, as proven by the access token. */
export interface AuthUser {
  userId: string;
  tenantId: string | null;
  role: Role;
  /** The login session the access token belongs to; absent for identity-provider tokens. */
  sessionId?: string;
  /** Set when the caller is an API key (then `userId` is the key's id too) and what the key may do. */
  apiKeyId?: string;
  scopes?: readonly ApiKeyScope[];
  /** The tenant requires MFA and this session's user has not enrolled: only enrolment is open (MfaEnrollmentGuard). */
  mfaEnrollmentPending?: true;
}

/** Claims inside our access tokens. */
export const accessTokenClaims = z.object({
  sub: z.uuid(),
  tid: z.uuid().nullable(),
  role: z.enum(ROLES),
  /** Session (refresh token family) id; optional so tokens issued before sessions existed stay valid until they expire. */
  sid: z.uuid().optional(),
  /** 'enroll': the session may only enrol a second factor (the tenant requires one). */
  mfa: z.literal('enroll').optional(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;

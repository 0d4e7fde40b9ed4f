import { z } from 'zod';

/** Our refresh tokens are 43 base64url characters; the bound only keeps junk out. */
const refreshToken = z.string().min(1).max(512);

export const refreshRequestSchema = z.object({ refreshToken }).strict();
export type RefreshRequestDto = z.infer<typeof refreshRequestSchema>;

/** Logout ends the access token's session; a refresh token names one more session of the caller's to end. */
export const logoutRequestSchema = z.object({ refreshToken: refreshToken.optional() }).strict().default({});
export type LogoutRequestDto = z.infer<typeof logoutRequestSchema>;

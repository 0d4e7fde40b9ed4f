import { z } from 'zod';

/** Scheme rules (https, or http when ALLOW_INSECURE_IDP) are checked by the service, which knows the config. */
const url = z.url().max(2048);

export const identityProviderSchema = z
  .object({
    /** Exactly the `iss` of the provider's tokens. */
    issuer: url,
    jwksUri: url,
    /** Exactly the `aud` (or one of the `aud`s) the provider puts in tokens meant for us. */
    audience: z.string().min(1).max(512),
    /** The claim holding the user's email, matched against the tenant's users. */
    emailClaim: z
      .string()
      .regex(/^[A-Za-z0-9_:./-]{1,128}$/, 'must be a claim name (letters, digits, _ : . / -)')
      .default('email'),
  })
  .strict();
export type IdentityProviderDto = z.infer<typeof identityProviderSchema>;

import { z } from 'zod';
import { envBool, envInt } from '@ade/config';

/** Environment variables of login sessions and external identity providers; merged into the control plane's schema. */
export const authSessionsEnvSchema = z.object({
  REFRESH_TOKEN_TTL_SECONDS: envInt(300, 365 * 24 * 3600).default(30 * 24 * 3600),
  /** Lets an identity provider be configured with an http:// issuer and JWKS URL; for tests only. */
  ALLOW_INSECURE_IDP: envBool.default(false),
  /** Lets an identity provider's JWKS URL reach loopback, private, link-local or reserved addresses; for tests only. */
  IDP_ALLOW_PRIVATE_JWKS: envBool.default(false),
});

type AuthSessionsEnv = z.infer<typeof authSessionsEnvSchema>;

export class AuthSessionsConfig {
  constructor(
    /** Lifetime of a refresh token; each refresh issues a new one with a full lifetime. */
    readonly refreshTokenTtlSeconds: number,
    /** Accept http:// issuers and JWKS URLs for tenant identity providers (tests only). */
    readonly allowInsecureIdentityProviders: boolean,
    /** Let JWKS URLs reach loopback, private, link-local and reserved addresses (tests only): refused otherwise, when saved and at every fetch. */
    readonly allowPrivateJwks: boolean = false,
  ) {}

  static fromEnv(env: AuthSessionsEnv): AuthSessionsConfig {
    return new AuthSessionsConfig(env.REFRESH_TOKEN_TTL_SECONDS, env.ALLOW_INSECURE_IDP, env.IDP_ALLOW_PRIVATE_JWKS);
  }
}

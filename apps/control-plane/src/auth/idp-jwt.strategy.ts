import type { KeyObject } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { decode, type JwtPayload } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthConfig } from '../config/control-plane.config';
import type { AuthUser } from './auth-user';
import { IdentityProvidersRepository, type IdentityProvider } from './identity-providers.repository';
import { JwksClient } from './jwks-client';

export const IDP_JWT_STRATEGY = 'idp-jwt';
export const IDP_JWT_ALGORITHM = 'RS256';
/** Tolerated clock difference with the identity provider for `exp` and `nbf`, in seconds. */
export const IDP_CLOCK_TOLERANCE_SECONDS = 60;

/** The provider that signed the request's token, found while picking its key. */
const PROVIDER = Symbol('identityProvider');
type RequestWithProvider = Request & { [PROVIDER]?: IdentityProvider };

/** Picks the key for a token: only an RS256 token from a configured provider (never our issuer) gets one. */
@Injectable()
export class IdpKeyResolver {
  private readonly logger = new Logger(IdpKeyResolver.name);

  constructor(
    private readonly providers: IdentityProvidersRepository,
    private readonly jwks: JwksClient,
    private readonly auth: AuthConfig,
  ) {}

  async resolve(rawToken: string): Promise<{ provider: IdentityProvider; key: KeyObject }> {
    const token = decode(rawToken, { complete: true });
    if (!token || typeof token.payload === 'string' || token.header.alg !== IDP_JWT_ALGORITHM) throw new Error('not an identity provider token');
    const { iss } = token.payload;
    const kid = token.header.kid;
    if (typeof iss !== 'string' || iss === this.auth.issuer || typeof kid !== 'string') throw new Error('not an identity provider token');
    const provider = await this.providers.findByIssuer(iss);
    if (!provider) throw new Error('unknown issuer');
    let key: KeyObject | null;
    try {
      key = await this.jwks.getKey(provider.jwksUri, kid);
    } catch (error) {
      this.logger.warn({ msg: 'identity provider keys unavailable', tenantId: provider.tenantId, error: (error as Error).message });
      throw new Error('identity provider keys unavailable');
    }
    if (!key) throw new Error('unknown signing key');
    return { provider, key };
  }
}

/**
 * Tokens of a tenant's own identity provider, tried after our own tokens fail. The key comes from
 * IdpKeyResolver, so an HS256 token is never checked against a provider key and no provider key
 * ever checks a token claiming our issuer. The signature is verified with RS256 only, exp/nbf with
 * 60 s leeway; `iss` and `aud` must be exactly the provider's; the email claim must name a user of
 * the provider's tenant, whose role applies.
 */
@Injectable()
export class IdpJwtStrategy extends PassportStrategy(Strategy, IDP_JWT_STRATEGY) {
  constructor(
    keys: IdpKeyResolver,
    private readonly providers: IdentityProvidersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (request: RequestWithProvider, rawToken: string, done: (error: Error | null, key?: string) => void) => {
        keys.resolve(rawToken).then(
          ({ provider, key }) => {
            request[PROVIDER] = provider;
            // passport-jwt's types want a string: the SPKI PEM of the JWKS key (jsonwebtoken rebuilds the same public key).
            done(null, key.export({ type: 'spki', format: 'pem' }).toString());
          },
          (error: Error) => done(error),
        );
      },
      algorithms: [IDP_JWT_ALGORITHM],
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: IDP_CLOCK_TOLERANCE_SECONDS },
      passReqToCallback: true,
    });
  }

  async validate(request: RequestWithProvider, payload: JwtPayload): Promise<AuthUser | false> {
    const provider = request[PROVIDER];
    // jsonwebtoken accepts a token without `exp`; a provider's token must expire.
    if (!provider || typeof payload.exp !== 'number') return false;
    // Stryker disable next-line ConditionalExpression: equivalent, IdpKeyResolver found the provider by this very issuer (kept as defence in depth)
    if (payload.iss !== provider.issuer) return false;
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(provider.audience)) return false;
    const email = (payload as Record<string, unknown>)[provider.emailClaim];
    // An empty email needs no check of its own: no user has one, so the lookup finds nobody.
    if (typeof email !== 'string' || payload.email_verified === false) return false;
    const user = await this.providers.findTenantUser(provider.tenantId, email);
    if (!user) return false;
    return { userId: user.id, tenantId: provider.tenantId, role: user.role };
  }
}

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthConfig } from '../config/control-plane.config';
import { accessTokenClaims, type AuthUser } from './auth-user';
import { SessionRevocations } from './session-revocations';

export const JWT_ALGORITHM = 'HS256';

/** Algorithm, issuer and audience are pinned: a token signed any other way is refused. */
// Stryker disable StringLiteral: equivalent, passport-jwt names itself 'jwt' when given no name
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  // Stryker restore StringLiteral
  constructor(
    config: AuthConfig,
    private readonly revocations: SessionRevocations,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret.reveal(),
      algorithms: [JWT_ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
      ignoreExpiration: false,
    });
  }

  /** A token of a session that was logged out (or revoked for refresh token reuse) stops working at once. */
  async validate(payload: unknown): Promise<AuthUser | false> {
    const claims = accessTokenClaims.safeParse(payload);
    if (!claims.success) return false;
    const { sub, tid, role, sid } = claims.data;
    if (sid && (await this.revocations.isRevoked(sid))) return false;
    return { userId: sub, tenantId: tid, role, ...(sid ? { sessionId: sid } : {}) };
  }
}

import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthConfig } from '../config/control-plane.config';
import { countedRequests } from '../rate-limits/counted-requests';
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
      // jsonwebtoken turns a string secret into a key on every verify, after first failing to read it
      // as a public key (a thrown error per request); given the KeyObject, it does neither. The
      // passport-jwt types predate KeyObject.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret.reveal())) as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /**
   * A token of a session that was logged out (or revoked for refresh token reuse) stops working at
   * once. A tenant session's request is counted against the tenant's rate limit in the same Redis
   * round trip; TenantRateLimitGuard applies that decision.
   */
  async validate(request: object, payload: unknown): Promise<AuthUser | false> {
    const claims = accessTokenClaims.safeParse(payload);
    if (!claims.success) return false;
    const { sub, tid, role, sid, mfa } = claims.data;
    if (sid && tid) {
      const admission = await this.revocations.admit(sid, tid);
      if (admission === 'revoked') return false;
      countedRequests.remember(request, admission);
    } else if (sid && (await this.revocations.isRevoked(sid))) {
      return false;
    }
    return { userId: sub, tenantId: tid, role, ...(sid ? { sessionId: sid } : {}), ...(mfa === 'enroll' ? { mfaEnrollmentPending: true as const } : {}) };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthSessionsConfig } from '../config/auth-sessions.config';
import { AuthConfig } from '../config/control-plane.config';
import type { AccessTokenClaims, AuthUser } from './auth-user';
import { generateRefreshToken, hashRefreshToken } from './refresh-token';
import type { RequestOrigin } from '../common/request-origin';
import { MfaRepository } from './mfa/mfa.repository';
import { enrollmentPending } from './mfa/mfa-policy';
import { RefreshReuseRecorder } from './refresh-reuse.recorder';
import { RefreshTokensRepository, type NewRefreshToken } from './refresh-tokens.repository';
import type { SessionUser } from './session-owner';
import { SessionRevocations } from './session-revocations';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

/**
 * Login sessions: a session is a family of refresh tokens, each used once; its id is the `sid`
 * claim of the access tokens issued in it, so ending the session ends those too.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly tokens: RefreshTokensRepository,
    private readonly revocations: SessionRevocations,
    private readonly jwt: JwtService,
    private readonly auth: AuthConfig,
    private readonly config: AuthSessionsConfig,
    private readonly reuse: RefreshReuseRecorder,
    private readonly mfa: MfaRepository,
  ) {}

  /** A new session for a user who just proved who they are. */
  /** A new session for a user who just proved who they are; one that must enrol a second factor first can do only that. */
  async start(user: SessionUser, mfaEnrollmentPending: boolean): Promise<IssuedToken> {
    const refresh = this.newRefreshToken();
    const sessionId = await this.tokens.startFamily({ userId: user.id, tenantId: user.tenantId }, refresh.stored);
    return this.issue(user, sessionId, refresh.token, mfaEnrollmentPending);
  }

  /**
   * Exchanges a refresh token for a new pair in the same session; a replayed token ends the
   * session, recorded on its user's chain with a tenant alert. Says whose session it was (for the
   * request's audit entry and access log) whether it succeeded or not.
   */
  async refresh(refreshToken: string, origin: RequestOrigin): Promise<{ issued: IssuedToken; user: SessionUser } | { issued: null; user: SessionUser | null }> {
    const refresh = this.newRefreshToken();
    const result = await this.tokens.rotate(hashRefreshToken(refreshToken), refresh.stored, (tx, user, familyId) => this.reuse.recordIn(tx, user, familyId, origin));
    if (result.outcome === 'reused') {
      // The token was used before: either its owner or a thief holds a newer one. End the session for both.
      this.logger.warn({ msg: 'refresh token reuse detected; session revoked', sessionId: result.familyId, userId: result.user?.id ?? null });
      await this.revocations.revoke(result.familyId);
      await this.reuse.deliver(result.user?.tenantId ?? null, result.deliveryIds);
      return { issued: null, user: result.user };
    }
    if (result.outcome === 'invalid') return { issued: null, user: null };
    // The tenant's MFA policy is read again: a policy set, or an enrolment finished, mid-session applies at the next refresh.
    const pending = enrollmentPending(await this.mfa.state({ userId: result.user.id, tenantId: result.user.tenantId }));
    return { issued: await this.issue(result.user, result.familyId, refresh.token, pending), user: result.user };
  }

  /**
   * Ends the caller's session (the one its access token belongs to) and, when given, the session
   * of `refreshToken` if it is the caller's. Someone else's refresh token is ignored silently.
   */
  async logout(caller: AuthUser, refreshToken: string | undefined): Promise<void> {
    const owner = { userId: caller.userId, tenantId: caller.tenantId };
    const sessions = new Set<string>();
    if (caller.sessionId) sessions.add(caller.sessionId);
    if (refreshToken) {
      const family = await this.tokens.familyOfToken(owner, hashRefreshToken(refreshToken));
      if (family) sessions.add(family);
    }
    for (const sessionId of sessions) {
      await this.tokens.revokeFamily(owner, sessionId, 'logout');
      await this.revocations.revoke(sessionId);
    }
    this.logger.log({ msg: 'logged out', userId: caller.userId, sessions: sessions.size });
  }

  private async issue(user: SessionUser, sessionId: string, refreshToken: string, mfaEnrollmentPending: boolean): Promise<IssuedToken> {
    const claims: AccessTokenClaims = { sub: user.id, tid: user.tenantId, role: user.role, sid: sessionId, ...(mfaEnrollmentPending ? { mfa: 'enroll' as const } : {}) };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.auth.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: this.config.refreshTokenTtlSeconds,
    };
  }

  private newRefreshToken(): { token: string; stored: NewRefreshToken } {
    const token = generateRefreshToken();
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    return { token, stored: { tokenHash: hashRefreshToken(token), expiresAt } };
  }
}

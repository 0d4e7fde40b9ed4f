import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthConfig } from '../config/control-plane.config';
import { accessTokenClaims, type AuthUser } from './auth-user';

export const JWT_ALGORITHM = 'HS256';

/** Algorithm, issuer and audience are pinned: a token signed any other way is refused. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: AuthConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret.reveal(),
      algorithms: [JWT_ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
      ignoreExpiration: false,
    });
  }

  validate(payload: unknown): AuthUser | false {
    const claims = accessTokenClaims.safeParse(payload);
    if (!claims.success) return false;
    return { userId: claims.data.sub, tenantId: claims.data.tid, role: claims.data.role };
  }
}

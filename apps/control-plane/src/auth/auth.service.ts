import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../common/app-error';
import { AuthConfig } from '../config/control-plane.config';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from '../users/users.repository';
import type { AccessTokenClaims } from './auth-user';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly config: AuthConfig,
  ) {}

  /** One answer for unknown email and wrong password, so the endpoint cannot be used to probe accounts. */
  async issueToken(email: string, password: string): Promise<IssuedToken> {
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !valid) throw new AppError('unauthorized', 'invalid email or password');
    const claims: AccessTokenClaims = { sub: user.id, tid: user.tenantId, role: user.role };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.accessTokenTtlSeconds,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from '../users/users.repository';
import { SessionsService, type IssuedToken } from './sessions.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * One answer for unknown email and wrong password, so the endpoint cannot be used to probe
   * accounts; throttled per (email, client IP) and per client IP before the password is checked.
   */
  async issueToken(email: string, password: string, clientIp: string): Promise<IssuedToken> {
    const attempt = { email, clientIp };
    await this.throttle.reserve(attempt);
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !valid) {
      await this.throttle.failed(attempt);
      throw new AppError('unauthorized', 'invalid email or password');
    }
    await this.throttle.succeeded(attempt);
    return this.sessions.start(user);
  }
}

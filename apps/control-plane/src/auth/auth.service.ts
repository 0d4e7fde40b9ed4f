import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from '../users/users.repository';
import { enrollmentPending } from './mfa/mfa-policy';
import { MfaService } from './mfa/mfa.service';
import { SessionsService, type IssuedToken } from './sessions.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
    private readonly mfa: MfaService,
  ) {}

  /**
   * One answer for unknown email and wrong password, so the endpoint cannot be used to probe
   * accounts; throttled per (email, client IP) and per client IP before the password is checked.
   * An account with a second factor needs its code too: without one, 401 `mfa_required` (only
   * after the right password, so it reveals nothing to a guesser); a wrong code counts as a failed
   * login. A user whose tenant requires MFA and who has not enrolled gets a session that can only
   * enrol.
   */
  async issueToken(email: string, password: string, clientIp: string, code?: string): Promise<IssuedToken> {
    const attempt = { email, clientIp };
    await this.throttle.reserve(attempt);
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !valid) {
      await this.throttle.failed(attempt);
      throw new AppError('unauthorized', 'invalid email or password');
    }
    const owner = { userId: user.id, tenantId: user.tenantId };
    const mfa = await this.mfa.state(owner);
    if (mfa?.enabled) {
      if (code === undefined) throw new AppError('mfa_required', 'this account uses multi-factor authentication: send the code from its authenticator app, or a recovery code, as "code"');
      if (!(await this.mfa.secondFactorHolds(owner, mfa, code))) {
        await this.throttle.failed(attempt);
        throw new AppError('unauthorized', 'invalid email, password or code');
      }
    }
    await this.throttle.succeeded(attempt);
    return this.sessions.start(user, enrollmentPending(mfa));
  }
}

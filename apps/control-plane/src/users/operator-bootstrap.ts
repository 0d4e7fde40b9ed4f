import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { AuthConfig } from '../config/control-plane.config';
import { isUniqueViolation } from '../database/unique-violation';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

/**
 * Creates the first platform operator from BOOTSTRAP_OPERATOR_* on first start. An existing
 * account is left alone: the environment never resets a password that was changed since.
 */
@Injectable()
export class OperatorBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(OperatorBootstrap.name);

  constructor(
    private readonly config: AuthConfig,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const operator = this.config.bootstrapOperator;
    if (!operator || (await this.users.findByEmail(operator.email))) return;
    const user = new User();
    user.id = randomUUID();
    user.tenantId = null;
    user.email = operator.email;
    user.passwordHash = await this.hasher.hash(operator.password.reveal());
    user.role = 'platform_operator';
    try {
      await this.users.insert(user);
      this.logger.log({ msg: 'bootstrapped platform operator', userId: user.id });
    } catch (error) {
      // Two control-plane replicas booting together: the unique email lets exactly one win.
      if (!isUniqueViolation(error, 'users_email_key')) throw error;
    }
  }
}

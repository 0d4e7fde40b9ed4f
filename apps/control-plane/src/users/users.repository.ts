import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { DatabaseScope } from '../database/database-scope';
import { User } from './user.entity';

/**
 * Users are looked up by email at login, before any tenant is known, so that read runs in
 * platform scope; every other read is scoped to a tenant, or to operators (who have none).
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly scope: DatabaseScope) {}

  findByEmail(email: string): Promise<User | null> {
    return this.scope.asPlatform('user lookup by email (login, uniqueness)', (tx) => tx.getRepository(User).findOneBy({ email: email.toLowerCase() }));
  }

  /** The user `id` of `tenantId`, or the operator `id` when `tenantId` is null. */
  findById(tenantId: string | null, id: string): Promise<User | null> {
    if (tenantId === null) {
      return this.scope.asPlatform('operator profile', (tx) => tx.getRepository(User).findOneBy({ id, tenantId: IsNull() }));
    }
    return this.scope.forTenant(tenantId, (tx) => tx.getRepository(User).findOneBy({ id, tenantId }));
  }

  listForTenant(tenantId: string): Promise<User[]> {
    return this.scope.forTenant(tenantId, (tx) => tx.getRepository(User).find({ where: { tenantId }, order: { email: 'ASC' } }));
  }

  listOperators(): Promise<User[]> {
    return this.scope.asPlatform('operator list', (tx) => tx.getRepository(User).find({ where: { tenantId: IsNull() }, order: { email: 'ASC' } }));
  }

  insert(user: User): Promise<User> {
    if (user.tenantId === null) return this.scope.asPlatform('operator creation', (tx) => tx.getRepository(User).save(user));
    return this.scope.forTenant(user.tenantId, (tx) => tx.getRepository(User).save(user));
  }
}

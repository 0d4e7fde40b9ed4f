import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { assertTenantId } from '../database/tenant-scoped.repository';
import { User } from './user.entity';

/**
 * Users are looked up by email at login, before any tenant is known, so this repository has one
 * unscoped read (by email); every other read is scoped to a tenant or to operators.
 */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repository: Repository<User>) {}

  findByEmail(email: string): Promise<User | null> {
    return this.repository.findOneBy({ email: email.toLowerCase() });
  }

  findById(id: string): Promise<User | null> {
    return this.repository.findOneBy({ id });
  }

  listForTenant(tenantId: string): Promise<User[]> {
    assertTenantId(tenantId);
    return this.repository.find({ where: { tenantId }, order: { email: 'ASC' } });
  }

  listOperators(): Promise<User[]> {
    return this.repository.find({ where: { tenantId: IsNull() }, order: { email: 'ASC' } });
  }

  insert(user: User): Promise<User> {
    return this.repository.save(user);
  }
}

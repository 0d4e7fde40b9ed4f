import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PlanLimits } from '../billing/plan-limits';
import { ConflictError, InvalidFieldError, NotFoundError } from '../common/app-error';
import { PasswordHasher } from '../auth/password-hasher';
import { isUniqueViolation } from '../database/unique-violation';
import type { AuthUser } from '../auth/auth-user';
import { TenantsRepository } from '../tenants/tenants.repository';
import type { CreateUserDto } from './dto/create-user.dto';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tenants: TenantsRepository,
    private readonly hasher: PasswordHasher,
    private readonly limits: PlanLimits,
  ) {}

  /**
   * Operators create users anywhere; a tenant admin creates admins and viewers in its own tenant
   * only, and naming another tenant is answered as if that tenant did not exist.
   */
  async create(caller: AuthUser, dto: CreateUserDto): Promise<User> {
    const tenantId = this.targetTenant(caller, dto);
    if (tenantId && !(await this.tenants.findById(tenantId))) throw new NotFoundError('tenant');
    if (tenantId) await this.limits.assertRoomFor(tenantId, 'seats', async () => (await this.users.listForTenant(tenantId)).length);
    const taken = () => new ConflictError('a user with this email already exists', [{ field: 'email', message: 'is already registered' }]);
    if (await this.users.findByEmail(dto.email)) throw taken();
    const user = new User();
    user.id = randomUUID();
    user.tenantId = tenantId;
    user.email = dto.email.toLowerCase();
    user.passwordHash = await this.hasher.hash(dto.password);
    user.role = dto.role;
    try {
      return await this.users.insert(user);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw taken();
      throw error;
    }
  }

  async list(caller: AuthUser, tenantId: string | undefined): Promise<User[]> {
    if (caller.role !== 'platform_operator') return this.users.listForTenant(caller.tenantId!);
    return tenantId ? this.users.listForTenant(tenantId) : this.users.listOperators();
  }

  private targetTenant(caller: AuthUser, dto: CreateUserDto): string | null {
    if (caller.role === 'platform_operator') {
      if (dto.role === 'platform_operator') {
        if (dto.tenantId) throw new InvalidFieldError('tenantId', 'must be omitted for a platform operator');
        return null;
      }
      if (!dto.tenantId) throw new InvalidFieldError('tenantId', 'is required for a tenant user');
      return dto.tenantId;
    }
    if (dto.role === 'platform_operator') throw new InvalidFieldError('role', 'must be tenant_admin or tenant_viewer');
    if (dto.tenantId && dto.tenantId !== caller.tenantId) throw new NotFoundError('tenant');
    return caller.tenantId;
  }
}

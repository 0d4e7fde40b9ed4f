import type { FindOptionsOrder, FindOptionsWhere, Repository } from 'typeorm';
import { isUuid } from '@ade/contracts';

export class MissingTenantScopeError extends Error {
  override readonly name = 'MissingTenantScopeError';
}

interface TenantOwned {
  id: string;
  tenantId: string;
}

/**
 * The only way feature code reaches tenant-owned rows. Every method takes the tenant first and
 * throws when it is missing: TypeORM silently drops `undefined` from a WHERE clause, which would
 * turn a forgotten filter into a query over every tenant.
 */
export class TenantScopedRepository<E extends TenantOwned> {
  constructor(protected readonly repository: Repository<E>) {}

  async findById(tenantId: string, id: string): Promise<E | null> {
    return this.repository.findOneBy(this.scoped(tenantId, { id } as FindOptionsWhere<E>));
  }

  async findOne(tenantId: string, where: FindOptionsWhere<E>): Promise<E | null> {
    return this.repository.findOneBy(this.scoped(tenantId, where));
  }

  async find(
    tenantId: string,
    options: { where?: FindOptionsWhere<E>; order?: FindOptionsOrder<E>; take?: number } = {},
  ): Promise<E[]> {
    return this.repository.find({ where: this.scoped(tenantId, options.where ?? {}), order: options.order, take: options.take });
  }

  async insert(tenantId: string, entity: E): Promise<E> {
    assertTenantId(tenantId);
    if (entity.tenantId !== tenantId) throw new MissingTenantScopeError('entity belongs to another tenant');
    return this.repository.save(entity);
  }

  /** Saves changes to an entity loaded through this repository for the same tenant. */
  async save(tenantId: string, entity: E): Promise<E> {
    return this.insert(tenantId, entity);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const result = await this.repository.delete(this.scoped(tenantId, { id } as FindOptionsWhere<E>));
    return (result.affected ?? 0) > 0;
  }

  private scoped(tenantId: string, where: FindOptionsWhere<E>): FindOptionsWhere<E> {
    assertTenantId(tenantId);
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined) throw new MissingTenantScopeError(`filter '${key}' is undefined`);
    }
    return { ...where, tenantId } as FindOptionsWhere<E>;
  }
}

export function assertTenantId(tenantId: unknown): asserts tenantId is string {
  if (!isUuid(tenantId)) {
    throw new MissingTenantScopeError('a tenant id is required to reach tenant-owned data');
  }
}

import type { EntityManager, FindOptionsOrder, FindOptionsWhere, Repository } from 'typeorm';
import { isUuid } from '@ade/contracts';
import { inTenantScope, readInTenantScope } from './database-scope';

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
 * turn a forgotten filter into a query over every tenant. Each call runs scoped to that tenant
 * (reads as one scoped statement, writes in a scoped transaction), so row-level security holds
 * even where a filter is forgotten.
 */
export class TenantScopedRepository<E extends TenantOwned> {
  constructor(private readonly repository: Repository<E>) {}

  /** Runs `work` inside `tenantId`'s scope with this entity's repository bound to the transaction. */
  protected inScope<T>(tenantId: string, work: (repository: Repository<E>, tx: EntityManager) => Promise<T>): Promise<T> {
    return inTenantScope(this.repository.manager.dataSource, tenantId, (tx) => work(tx.getRepository(this.repository.target), tx));
  }

  /** Runs one read in `tenantId`'s scope, in one round trip (readInTenantScope). */
  protected read<T>(tenantId: string, work: (repository: Repository<E>) => Promise<T>): Promise<T> {
    return readInTenantScope(this.repository.manager.dataSource, tenantId, (manager) => work(manager.getRepository(this.repository.target)));
  }

  /** Raw SQL in `tenantId`'s scope; the statement should still filter by tenant, and RLS makes sure. */
  protected query<T = unknown[]>(tenantId: string, sql: string, parameters?: unknown[]): Promise<T> {
    return this.inScope(tenantId, (repository) => repository.query(sql, parameters) as Promise<T>);
  }

  async findById(tenantId: string, id: string): Promise<E | null> {
    return this.read(tenantId, (repository) => repository.findOneBy(this.scoped(tenantId, { id } as FindOptionsWhere<E>)));
  }

  async count(tenantId: string): Promise<number> {
    return this.read(tenantId, (repository) => repository.countBy(this.scoped(tenantId, {})));
  }

  async findOne(tenantId: string, where: FindOptionsWhere<E>): Promise<E | null> {
    return this.read(tenantId, (repository) => repository.findOneBy(this.scoped(tenantId, where)));
  }

  async find(
    tenantId: string,
    options: { where?: FindOptionsWhere<E>; order?: FindOptionsOrder<E>; take?: number } = {},
  ): Promise<E[]> {
    return this.read(tenantId, (repository) =>
      repository.find({ where: this.scoped(tenantId, options.where ?? {}), order: options.order, take: options.take }),
    );
  }

  /**
   * Inserts a new row (a row with the same key fails as a unique violation). Unlike save(), it
   * does not first look the key up: one statement, and the generated columns come back with it.
   */
  async insert(tenantId: string, entity: E): Promise<E> {
    this.assertOwnedBy(tenantId, entity);
    await this.inScope(tenantId, (repository) => repository.insert(entity as Parameters<Repository<E>['insert']>[0]));
    return entity;
  }

  /** Saves changes to an entity loaded through this repository for the same tenant. */
  async save(tenantId: string, entity: E): Promise<E> {
    this.assertOwnedBy(tenantId, entity);
    return this.inScope(tenantId, (repository) => repository.save(entity));
  }

  private assertOwnedBy(tenantId: string, entity: E): void {
    assertTenantId(tenantId);
    if (entity.tenantId !== tenantId) throw new MissingTenantScopeError('entity belongs to another tenant');
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const result = await this.inScope(tenantId, (repository) => repository.delete(this.scoped(tenantId, { id } as FindOptionsWhere<E>)));
    return (result.affected ?? 0) > 0;
  }

  protected scoped(tenantId: string, where: FindOptionsWhere<E>): FindOptionsWhere<E> {
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

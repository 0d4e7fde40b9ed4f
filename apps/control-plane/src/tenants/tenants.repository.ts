import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseScope } from '../database/database-scope';
import { Tenant, type CatalogStatus } from './tenant.entity';

/**
 * A tenant's own row is read and written in that tenant's scope; only the operator's list and
 * the slug check (a slug is unique across tenants) need platform scope.
 */
@Injectable()
export class TenantsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  findById(id: string): Promise<Tenant | null> {
    return this.scope.readForTenant(id, (manager) => manager.getRepository(Tenant).findOneBy({ id }));
  }

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.scope.asPlatform('tenant slug uniqueness', (tx) => tx.getRepository(Tenant).findOneBy({ slug }));
  }

  list(): Promise<Tenant[]> {
    return this.scope.asPlatform('operator tenant list', (tx) => tx.getRepository(Tenant).find({ order: { createdAt: 'ASC' } }));
  }

  /** `alongside` writes the tenant's other first rows in the same transaction. */
  insert(tenant: Tenant, alongside?: (tx: EntityManager) => Promise<void>): Promise<Tenant> {
    return this.scope.forTenant(tenant.id, async (tx) => {
      const saved = await tx.getRepository(Tenant).save(tenant);
      await alongside?.(tx);
      return saved;
    });
  }

  async setCatalogStatus(id: string, status: CatalogStatus, error: string | null): Promise<void> {
    await this.scope.forTenant(id, (tx) => tx.getRepository(Tenant).update({ id }, { catalogStatus: status, catalogError: error }));
  }
}

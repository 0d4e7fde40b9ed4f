import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Tenant, type CatalogStatus } from './tenant.entity';

@Injectable()
export class TenantsRepository {
  constructor(@InjectRepository(Tenant) private readonly repository: Repository<Tenant>) {}

  findById(id: string): Promise<Tenant | null> {
    return this.repository.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.repository.findOneBy({ slug });
  }

  list(): Promise<Tenant[]> {
    return this.repository.find({ order: { createdAt: 'ASC' } });
  }

  insert(tenant: Tenant): Promise<Tenant> {
    return this.repository.save(tenant);
  }

  async setCatalogStatus(id: string, status: CatalogStatus, error: string | null): Promise<void> {
    await this.repository.update({ id }, { catalogStatus: status, catalogError: error });
  }
}

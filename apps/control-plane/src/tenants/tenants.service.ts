import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CatalogProvisioner } from '../catalog/catalog-provisioner';
import { ConflictError, NotFoundError } from '../common/app-error';
import { CatalogDefaultsConfig } from '../config/control-plane.config';
import { isUniqueViolation } from '../database/unique-violation';
import type { CreateTenantDto } from './dto/create-tenant.dto';
import { Tenant } from './tenant.entity';
import { TenantsRepository } from './tenants.repository';

@Injectable()
export class TenantsService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly provisioner: CatalogProvisioner,
    private readonly defaults: CatalogDefaultsConfig,
  ) {}

  /** Creating a tenant also asks its data plane to provision the tenant's catalog. */
  async create(dto: CreateTenantDto): Promise<Tenant> {
    const taken = () => new ConflictError('a tenant with this slug already exists', [{ field: 'slug', message: 'is already taken' }]);
    if (await this.tenants.findBySlug(dto.slug)) throw taken();
    const tenant = new Tenant();
    tenant.id = randomUUID();
    tenant.slug = dto.slug;
    tenant.name = dto.name;
    tenant.catalogName = dto.catalogName ?? this.defaults.catalogName;
    tenant.catalogStatus = 'provisioning';
    tenant.catalogError = null;
    try {
      await this.tenants.insert(tenant);
    } catch (error) {
      if (isUniqueViolation(error, 'tenants_slug_key')) throw taken();
      throw error;
    }
    return this.provisioner.provision(tenant);
  }

  /** Operators see every tenant; a tenant user sees only its own. */
  async list(caller: AuthUser): Promise<Tenant[]> {
    if (caller.role === 'platform_operator') return this.tenants.list();
    const own = await this.tenants.findById(caller.tenantId!);
    return own ? [own] : [];
  }

  async get(caller: AuthUser, id: string): Promise<Tenant> {
    const visible = caller.role === 'platform_operator' || caller.tenantId === id;
    const tenant = visible ? await this.tenants.findById(id) : null;
    if (!tenant) throw new NotFoundError('tenant');
    return tenant;
  }
}

import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { NotFoundError, UnavailableError } from '../common/app-error';
import { TenantsRepository } from '../tenants/tenants.repository';
import { CatalogProvisioner } from './catalog-provisioner';

function catalogView(tenant: { catalogName: string; catalogStatus: string; catalogError: string | null }) {
  return { name: tenant.catalogName, status: tenant.catalogStatus, error: tenant.catalogError };
}

/** The caller's own tenant catalog: its status, and (re)provisioning on request. */
@Controller('v1/catalog')
export class CatalogController {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly provisioner: CatalogProvisioner,
  ) {}

  @Get()
  async get(@TenantScope() tenantId: string) {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    return catalogView(tenant);
  }

  @Post('init')
  @HttpCode(202)
  @Roles('tenant_admin')
  async init(@TenantScope() tenantId: string) {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    await this.provisioner.provision(tenant);
    if (tenant.catalogStatus === 'failed') throw new UnavailableError(tenant.catalogError ?? 'catalog provisioning failed');
    return catalogView(tenant);
  }
}

import type { Tenant } from './tenant.entity';

export function tenantView(tenant: Tenant) {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    catalog: { name: tenant.catalogName, status: tenant.catalogStatus, error: tenant.catalogError },
    mfaRequired: tenant.mfaRequired ?? false,
    engine: tenant.catalogEngine ?? 'embedded',
    createdAt: tenant.createdAt,
  };
}

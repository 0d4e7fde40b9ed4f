import { randomBytes } from 'node:crypto';
import type { ControlPlaneHarness } from './control-plane.harness';

export interface TenantFixture {
  tenantId: string;
  slug: string;
  catalogName: string;
  admin: { email: string; password: string; token: string };
}

export async function tokenFor(cp: ControlPlaneHarness, email: string, password: string): Promise<string> {
  const response = await cp.http().post('/v1/auth/token').send({ email, password }).expect(200);
  return response.body.accessToken as string;
}

export async function operatorToken(cp: ControlPlaneHarness): Promise<string> {
  return tokenFor(cp, cp.operator.email, cp.operator.password);
}

/** A tenant with one admin who is already logged in. */
export async function createTenant(cp: ControlPlaneHarness, overrides: { slug?: string; catalogName?: string } = {}): Promise<TenantFixture> {
  const operator = await operatorToken(cp);
  const slug = overrides.slug ?? `tenant-${randomBytes(3).toString('hex')}`;
  const tenant = await cp
    .http()
    .post('/v1/tenants')
    .set('authorization', `Bearer ${operator}`)
    .send({ name: `Tenant ${slug}`, slug, ...(overrides.catalogName ? { catalogName: overrides.catalogName } : {}) })
    .expect(201);
  const admin = { email: `admin@${slug}.test`, password: randomBytes(12).toString('hex') };
  await cp
    .http()
    .post('/v1/users')
    .set('authorization', `Bearer ${operator}`)
    .send({ ...admin, role: 'tenant_admin', tenantId: tenant.body.id })
    .expect(201);
  return {
    tenantId: tenant.body.id,
    slug,
    catalogName: tenant.body.catalog.name,
    admin: { ...admin, token: await tokenFor(cp, admin.email, admin.password) },
  };
}

export function pipelineBody(overrides: Record<string, unknown> = {}) {
  return {
    name: `claims-${randomBytes(3).toString('hex')}`,
    dataType: 'professional_claims',
    sourcePath: 'claims.csv',
    targetTable: 'healthcare_data.silver.professional_claims',
    ...overrides,
  };
}

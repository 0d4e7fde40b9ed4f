import { randomBytes } from 'node:crypto';
import { DEFAULT_PLANS } from '../src/config/billing.config';
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

/** A host key fingerprint in the form `ssh-keygen -lf` prints (no server has it: nothing logs in to one in these tests). */
export const TEST_HOST_KEY_FINGERPRINT = `SHA256:${Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '')}`;

/** An SFTP connector's create body; its password is made up per call, so a test can look for it. */
export function sftpConnectorBody(overrides: Record<string, unknown> = {}) {
  return {
    name: `sftp-${randomBytes(3).toString('hex')}`,
    kind: 'sftp',
    settings: { host: 'sftp.clearinghouse.example', username: 'ade', directory: '/outbound/claims', hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT },
    secret: { password: `pw-${randomBytes(12).toString('hex')}` },
    ...overrides,
  };
}

/** An S3 connector's create body, with a made-up key pair. */
export function s3ConnectorBody(overrides: Record<string, unknown> = {}) {
  return {
    name: `s3-${randomBytes(3).toString('hex')}`,
    kind: 's3',
    settings: { bucket: 'partner-drop', prefix: 'claims/' },
    secret: { accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64') },
    ...overrides,
  };
}

/** Control plane settings that connect billing to a Stripe double, the default plans priced with made-up price ids. */
export function stripeBillingEnv(stripe: { secretKey: string; url: string }, webhookSecret: string): Record<string, string> {
  const plans = DEFAULT_PLANS.map((plan) => ({ ...plan, stripePrices: { base: `price_${plan.id}_base`, records: `price_${plan.id}_records` } }));
  return { STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_URL: stripe.url, BILLING_PLANS: JSON.stringify(plans) };
}

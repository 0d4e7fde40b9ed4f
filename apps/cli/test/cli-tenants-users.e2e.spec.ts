import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { tokenFor } from '../../control-plane/test/factories';
import { cliRunner } from './cli-harness';

describe('ade tenant create|list and ade user create|list (no curl needed to set up a tenant)', () => {
  let cp: ControlPlaneHarness;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let apiUrl: string;
  let asOperator: ReturnType<typeof cliRunner>;

  beforeAll(async () => {
    dirs = await makeTempDir('cli-tenants');
    cp = await startControlPlane({ label: 'cli-tenants', env: { BILLING_DEFAULT_PLAN: 'starter' } });
    await cp.app.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    asOperator = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'operator'), ADE_PASSWORD: cp.operator.password });
    expect((await asOperator('login', '--email', cp.operator.email)).code).toBe(0);
  });
  afterAll(async () => {
    await cp?.close();
    await dirs?.cleanup();
  });

  it('lets an operator create a tenant and its admin, who then signs in and adds a viewer of its own', async () => {
    const slug = `county-${randomBytes(3).toString('hex')}`;
    const created = await asOperator('tenant', 'create', slug, '--name', 'County Medicaid', '--plan', 'professional', '--json');
    expect(created.code).toBe(0);
    const tenant = JSON.parse(created.stdout);
    expect(tenant).toMatchObject({ slug, name: 'County Medicaid', catalog: { name: 'healthcare_data' } });
    expect((await cp.http().get('/v1/billing/accounts').set('authorization', `Bearer ${await tokenFor(cp, cp.operator.email, cp.operator.password)}`)).body.items).toContainEqual(
      expect.objectContaining({ tenantId: tenant.id, plan: expect.objectContaining({ id: 'professional' }) }),
    );
    const listed = await asOperator('tenant', 'list');
    expect(listed.stdout).toMatch(new RegExp(`${slug}\\s+County Medicaid\\s+${tenant.id}\\s+healthcare_data\\s+(provisioning|ready|failed)\\s+embedded`));

    const password = randomBytes(12).toString('hex');
    const admin = await cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'operator'), ADMIN_PASSWORD: password })(
      'user', 'create', `admin@${slug}.test`, '--role', 'tenant_admin', '--tenant', tenant.id, '--password-env', 'ADMIN_PASSWORD',
    );
    expect(admin).toMatchObject({ code: 0, stderr: '' });
    expect(admin.stdout).toMatch(new RegExp(`^Created tenant_admin admin@${slug}\\.test \\([0-9a-f-]+\\) in tenant ${tenant.id}\\n$`));

    // The admin signs in with that password and creates a viewer, the password asked for at the prompt.
    const asAdmin = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'admin'), ADE_PASSWORD: password });
    expect((await asAdmin('login', '--email', `admin@${slug}.test`)).code).toBe(0);
    expect((await asAdmin('user', 'create', `viewer@${slug}.test`, '--role', 'tenant_viewer')).code).toBe(0);
    const users = await asAdmin('user', 'list');
    expect(users.stdout.split('\n')[0]).toMatch(/^EMAIL\s+ROLE\s+TENANT\s+MFA\s+CREATED$/);
    expect(users.stdout).toMatch(new RegExp(`viewer@${slug}\\.test\\s+tenant_viewer\\s+${tenant.id}\\s+off`));
    expect(JSON.parse((await asOperator('user', 'list', '--tenant', tenant.id, '--json')).stdout).map((u: { email: string }) => u.email).sort()).toEqual([`admin@${slug}.test`, `viewer@${slug}.test`]);
    // A tenant admin creates no operator, and a tenant user sees only its own tenant.
    expect(await asAdmin('user', 'create', `x@${slug}.test`, '--role', 'platform_operator')).toMatchObject({ code: 1 });
    expect(JSON.parse((await asAdmin('tenant', 'list', '--json')).stdout).map((t: { id: string }) => t.id)).toEqual([tenant.id]);
  });

  it('refuses bad usage before calling the API, and shows the API’s reason for a bad request', async () => {
    expect(await asOperator('tenant', 'create', 'x-1')).toMatchObject({ code: 2, stderr: expect.stringContaining('--name is required') });
    expect(await asOperator('user', 'create', 'a@b.test', '--role', 'owner')).toMatchObject({ code: 2, stderr: expect.stringContaining('--role must be one of tenant_admin, tenant_viewer, platform_operator') });
    expect(await asOperator('user', 'create', 'a@b.test', '--role', 'tenant_admin', '--password-env', 'NOT_SET')).toMatchObject({ code: 2, stderr: expect.stringContaining('NOT_SET is not set') });
    expect(await asOperator('tenant', 'create', 'Bad Slug', '--name', 'x')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ade: slug: /) });
    expect(await asOperator('tenant', 'create', `gold-${randomBytes(2).toString('hex')}`, '--name', 'x', '--plan', 'gold')).toMatchObject({ code: 1, stderr: expect.stringContaining('plan: is not a plan of this platform') });
  });
});

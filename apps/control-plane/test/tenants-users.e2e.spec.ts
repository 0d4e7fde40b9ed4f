import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '@ade/config';
import { PasswordHasher } from '../src/auth/password-hasher';
import { AuthConfig } from '../src/config/control-plane.config';
import { OperatorBootstrap } from '../src/users/operator-bootstrap';
import { UsersRepository } from '../src/users/users.repository';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { operatorToken, tokenFor } from './factories';
import { as } from './run-flow';

describe('tenants and users', () => {
  let cp: ControlPlaneHarness;
  let operator: string;

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'tenants' });
    operator = await operatorToken(cp);
  });
  afterAll(() => cp?.close());

  it('creates a tenant whose catalog is being provisioned, and refuses a taken slug', async () => {
    const created = await cp.http().post('/v1/tenants').set(as(operator)).send({ name: 'Ohio Medicaid', slug: 'ohio-medicaid' }).expect(201);
    expect(created.body).toMatchObject({ slug: 'ohio-medicaid', name: 'Ohio Medicaid', catalog: { name: 'healthcare_data', status: 'provisioning', error: null } });
    const taken = await cp.http().post('/v1/tenants').set(as(operator)).send({ name: 'Other', slug: 'ohio-medicaid' }).expect(409);
    expect(taken.body.fields).toEqual([{ field: 'slug', message: 'is already taken' }]);
    const listed = await cp.http().get('/v1/tenants').set(as(operator)).expect(200);
    expect(listed.body.items.map((t: { slug: string }) => t.slug)).toContain('ohio-medicaid');
  });

  it('answers concurrent creations of one slug with one 201 and 409s, never a 500', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () => cp.http().post('/v1/tenants').set(as(operator)).send({ name: 'Race', slug: 'race-tenant' })),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('refuses catalog names the engine reserves', async () => {
    const response = await cp.http().post('/v1/tenants').set(as(operator)).send({ name: 'M', slug: 'mem', catalogName: 'memory' }).expect(400);
    expect(response.body.fields).toEqual([{ field: 'catalogName', message: 'is reserved by the engine (main, memory, system, temp)' }]);
  });

  it('names each bad tenant field', async () => {
    const response = await cp.http().post('/v1/tenants').set(as(operator)).send({ name: '', slug: 'Not A Slug', catalogName: 'Bad-Name' }).expect(400);
    expect(response.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['catalogName', 'name', 'slug']);
  });

  it('requires a tenant for tenant users and refuses a duplicate email', async () => {
    const missing = await cp.http().post('/v1/users').set(as(operator)).send({ email: 'a@x.test', password: 'long-enough-pass', role: 'tenant_admin' }).expect(400);
    expect(missing.body.fields).toEqual([{ field: 'tenantId', message: 'is required for a tenant user' }]);
    const tenant = (await cp.http().post('/v1/tenants').set(as(operator)).send({ name: 'Texas', slug: 'texas' }).expect(201)).body;
    const body = { email: 'Admin@Texas.test', password: 'long-enough-pass', role: 'tenant_admin', tenantId: tenant.id };
    const user = await cp.http().post('/v1/users').set(as(operator)).send(body).expect(201);
    expect(user.body).toMatchObject({ email: 'admin@texas.test', role: 'tenant_admin', tenantId: tenant.id });
    await cp.http().post('/v1/users').set(as(operator)).send({ ...body, email: 'admin@texas.test' }).expect(409);
    await tokenFor(cp, 'ADMIN@texas.test', 'long-enough-pass');
  });

  it('takes a tenant id in a body or query in any letter case, like ids in paths', async () => {
    const tenant = (await cp.http().post('/v1/tenants').set(as(operator)).send({ name: 'Ohio', slug: 'ohio' }).expect(201)).body;
    const upper = (tenant.id as string).toUpperCase();
    const body = { email: 'admin@ohio.test', password: 'long-enough-pass', role: 'tenant_admin', tenantId: upper };
    const user = await cp.http().post('/v1/users').set(as(operator)).send(body).expect(201);
    expect(user.body.tenantId).toBe(tenant.id);
    const listed = await cp.http().get('/v1/users').query({ tenantId: upper }).set(as(operator)).expect(200);
    expect(listed.body.items.map((u: { email: string }) => u.email)).toEqual(['admin@ohio.test']);
    const audit = await cp.http().get('/v1/audit/events').query({ tenantId: upper }).set(as(operator)).expect(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
  });

  it('bootstraps the operator once and never resets a password from the environment', async () => {
    const changedEnv = new AuthConfig(new Secret('x'.repeat(32)), 'i', 'a', 900, 14, { email: cp.operator.email, password: new Secret('a-different-password') });
    await new OperatorBootstrap(changedEnv, cp.app.get(UsersRepository), cp.app.get(PasswordHasher)).onApplicationBootstrap();
    await tokenFor(cp, cp.operator.email, cp.operator.password);
    await cp.http().post('/v1/auth/token').send({ email: cp.operator.email, password: 'a-different-password' }).expect(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';
import { forgeToken } from './jwt-forgery';

describe('authentication', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;
  let secret: string;
  let validClaims: Record<string, unknown>;

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'auth' });
    tenant = await createTenant(cp);
    secret = cp.env.JWT_SECRET!;
    const me = await cp.http().get('/v1/auth/me').set('authorization', `Bearer ${tenant.admin.token}`).expect(200);
    const now = Math.floor(Date.now() / 1000);
    validClaims = { sub: me.body.id, tid: tenant.tenantId, role: 'tenant_admin', iss: 'ade-control-plane', aud: 'ade-api', iat: now, exp: now + 600 };
  });
  afterAll(() => cp?.close());

  const getPipelines = (token?: string) => {
    const req = cp.http().get('/v1/pipelines');
    return token === undefined ? req : req.set('authorization', `Bearer ${token}`);
  };

  it('issues a token that carries user, tenant and role', async () => {
    const response = await cp.http().post('/v1/auth/token').send({ email: tenant.admin.email, password: tenant.admin.password }).expect(200);
    expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const claims = JSON.parse(Buffer.from(response.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ tid: tenant.tenantId, role: 'tenant_admin', iss: 'ade-control-plane', aud: 'ade-api' });
    expect(claims.exp - claims.iat).toBe(900);
    await getPipelines(forgeToken(validClaims, { secret })).expect(200);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await cp.http().post('/v1/auth/token').send({ email: tenant.admin.email, password: 'not-the-password' }).expect(401);
    const unknown = await cp.http().post('/v1/auth/token').send({ email: 'nobody@nowhere.test', password: 'x' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not-a-jwt'],
  ])('refuses %s with 401', async (_label, token) => {
    const response = await getPipelines(token).expect(401);
    expect(response.body).toEqual({ error: 'unauthorized', message: 'missing or invalid access token' });
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await getPipelines(forgeToken({ ...validClaims, iat: past - 900, exp: past }, { secret })).expect(401);
  });

  it('refuses a token signed with another key, with alg none, or for another issuer or audience', async () => {
    await getPipelines(forgeToken(validClaims, { secret: 'x'.repeat(64) })).expect(401);
    await getPipelines(forgeToken(validClaims, { secret, alg: 'none' })).expect(401);
    await getPipelines(forgeToken({ ...validClaims, iss: 'someone-else' }, { secret })).expect(401);
    await getPipelines(forgeToken({ ...validClaims, aud: 'another-api' }, { secret })).expect(401);
  });

  it('refuses a correctly signed token whose claims are not ours', async () => {
    await getPipelines(forgeToken({ ...validClaims, role: 'superuser' }, { secret })).expect(401);
  });

  it('keeps the password hash out of every user view', async () => {
    const me = await cp.http().get('/v1/auth/me').set('authorization', `Bearer ${tenant.admin.token}`).expect(200);
    expect(JSON.stringify(me.body)).not.toMatch(/scrypt|password/i);
  });
});

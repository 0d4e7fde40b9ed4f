import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, type TenantFixture } from './factories';
import { authenticatorCode } from './mfa-codes';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Multi-factor authentication (TOTP, RFC 6238) for password sign-ins, with recovery codes and a per-tenant policy. */
describe('multi-factor authentication', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let operator: string;
  let owner: Client;

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'mfa' });
    tenant = await createTenant(cp);
    other = await createTenant(cp);
    operator = await operatorToken(cp);
    owner = new Client({ connectionString: cp.env.DATABASE_MIGRATION_URL, options: `-c search_path=${cp.env.DATABASE_SCHEMA}` });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await cp?.close();
  });

  const login = (email: string, password: string, code?: string) => cp.http().post('/v1/auth/token').send({ email, password, ...(code === undefined ? {} : { code }) });
  /** A new person of the tenant, signed in with a password. */
  async function person(role: 'tenant_admin' | 'tenant_viewer', of: TenantFixture = tenant) {
    const credentials = { email: `mfa-${randomBytes(4).toString('hex')}@${of.slug}.test`, password: randomBytes(12).toString('hex') };
    await cp.http().post('/v1/users').set(bearer(of.admin.token)).send({ ...credentials, role }).expect(201);
    const token = (await login(credentials.email, credentials.password).expect(200)).body.accessToken as string;
    return { ...credentials, token };
  }
  async function enrolled(role: 'tenant_admin' | 'tenant_viewer' = 'tenant_admin') {
    const who = await person(role);
    const { secret } = (await cp.http().post('/v1/auth/mfa/enroll').set(bearer(who.token)).expect(200)).body as { secret: string };
    const { recoveryCodes } = (await cp.http().post('/v1/auth/mfa/activate').set(bearer(who.token)).send({ code: authenticatorCode(secret) }).expect(200)).body as { recoveryCodes: string[] };
    return { ...who, secret, recoveryCodes };
  }

  it('enrols with a secret for an authenticator app, turns on with a code from it, and shows ten recovery codes once', async () => {
    const who = await person('tenant_admin');
    const enrolment = (await cp.http().post('/v1/auth/mfa/enroll').set(bearer(who.token)).expect(200)).body as { secret: string; otpauthUri: string };
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toBe(`otpauth://totp/ADE:${encodeURIComponent(who.email)}?secret=${enrolment.secret}&issuer=ADE&algorithm=SHA1&digits=6&period=30`);
    const wrong = await cp.http().post('/v1/auth/mfa/activate').set(bearer(who.token)).send({ code: authenticatorCode(enrolment.secret, 5) }).expect(400);
    expect(wrong.body).toMatchObject({ error: 'validation_failed', fields: [{ field: 'code', message: 'is not the current code of the authenticator app enrolled with this secret' }] });
    const activated = (await cp.http().post('/v1/auth/mfa/activate').set(bearer(who.token)).send({ code: authenticatorCode(enrolment.secret) }).expect(200)).body as { recoveryCodes: string[] };
    expect(activated.recoveryCodes).toHaveLength(10);
    expect((await cp.http().get('/v1/auth/mfa').set(bearer(who.token)).expect(200)).body).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });
    expect((await cp.http().get('/v1/auth/me').set(bearer(who.token)).expect(200)).body).toMatchObject({ mfaEnabled: true });
    await cp.http().post('/v1/auth/mfa/enroll').set(bearer(who.token)).expect(409);

    // Stored: the secret encrypted, the recovery codes as SHA-256 only.
    const { rows } = await owner.query(`SELECT u.mfa_secret_ciphertext AS secret, array_agg(c.code_hash) AS hashes FROM users u JOIN mfa_recovery_codes c ON c.user_id = u.id WHERE u.email = $1 GROUP BY 1`, [who.email]);
    expect(rows[0].secret).not.toContain(enrolment.secret);
    expect(rows[0].hashes).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of activated.recoveryCodes) expect(stored).not.toContain(code.replaceAll('-', ''));
  });

  it('asks for the code only after the right password, takes each code once, and counts a wrong code as a failed login', async () => {
    const who = await enrolled();
    expect((await login(who.email, 'not-the-password').expect(401)).body).toEqual({ error: 'unauthorized', message: 'invalid email or password' });
    expect((await login(who.email, who.password).expect(401)).body).toEqual({
      error: 'mfa_required',
      message: 'this account uses multi-factor authentication: send the code from its authenticator app, or a recovery code, as "code"',
    });
    expect((await login(who.email, who.password, '000000').expect(401)).body).toEqual({ error: 'unauthorized', message: 'invalid email, password or code' });
    const code = authenticatorCode(who.secret, 1); // the current step's code was used to activate
    const signedIn = (await login(who.email, who.password, code).expect(200)).body as { accessToken: string };
    await cp.http().get('/v1/pipelines').set(bearer(signedIn.accessToken)).expect(200);
    await login(who.email, who.password, code).expect(401); // the same code again: a replay

    const [recovery] = who.recoveryCodes;
    await login(who.email, who.password, recovery!.toUpperCase()).expect(200);
    await login(who.email, who.password, recovery).expect(401);
    expect((await cp.http().get('/v1/auth/mfa').set(bearer(signedIn.accessToken)).expect(200)).body).toMatchObject({ recoveryCodesLeft: 9 });

    // The replayed recovery code was one failure since the last sign-in (a success resets the
    // count); four wrong codes more reach LOGIN_MAX_FAILURES (5), and then even a right code is throttled.
    for (let attempt = 0; attempt < 4; attempt++) await login(who.email, who.password, '000000').expect(401);
    await login(who.email, who.password, who.recoveryCodes[1]).expect(429);
  });

  it('turns off only with a current code or an unused recovery code', async () => {
    const who = await enrolled();
    const session = (await login(who.email, who.password, who.recoveryCodes[0]).expect(200)).body.accessToken as string;
    await cp.http().delete('/v1/auth/mfa').set(bearer(session)).send({ code: '123456' }).expect(400);
    await cp.http().delete('/v1/auth/mfa').set(bearer(session)).send({ code: who.recoveryCodes[1] }).expect(204);
    await login(who.email, who.password).expect(200);
    await cp.http().delete('/v1/auth/mfa').set(bearer(session)).send({ code: who.recoveryCodes[2] }).expect(409);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM mfa_recovery_codes c JOIN users u ON u.id = c.user_id WHERE u.email = $1`, [who.email]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it("lets an operator require MFA of a tenant: its users without one can only enrol until they have, other tenants are untouched", async () => {
    const viewer = await person('tenant_viewer');
    const otherAdmin = await person('tenant_admin', other);
    await cp.http().put(`/v1/tenants/${tenant.tenantId}/mfa`).set(bearer(tenant.admin.token)).send({ required: true }).expect(403);
    expect((await cp.http().put(`/v1/tenants/${tenant.tenantId}/mfa`).set(bearer(operator)).send({ required: true }).expect(200)).body).toEqual({ tenantId: tenant.tenantId, mfaRequired: true });
    expect((await cp.http().get(`/v1/tenants/${tenant.tenantId}`).set(bearer(operator)).expect(200)).body).toMatchObject({ mfaRequired: true });

    const limited = (await login(viewer.email, viewer.password).expect(200)).body as { accessToken: string; refreshToken: string };
    const refused = await cp.http().get('/v1/pipelines').set(bearer(limited.accessToken)).expect(403);
    expect(refused.body).toEqual({
      error: 'mfa_enrollment_required',
      message: 'your tenant requires multi-factor authentication: enrol with POST /v1/auth/mfa/enroll and /v1/auth/mfa/activate (ade mfa enroll), then sign in again',
    });
    await cp.http().get('/v1/auth/me').set(bearer(limited.accessToken)).expect(200);
    expect((await cp.http().get('/v1/auth/mfa').set(bearer(limited.accessToken)).expect(200)).body).toEqual({ enabled: false, required: true, recoveryCodesLeft: 0 });
    // A refresh keeps the session limited.
    const refreshed = (await cp.http().post('/v1/auth/refresh').send({ refreshToken: limited.refreshToken }).expect(200)).body as { accessToken: string };
    await cp.http().get('/v1/pipelines').set(bearer(refreshed.accessToken)).expect(403);
    // Enrolling lifts it at the next sign-in.
    const { secret } = (await cp.http().post('/v1/auth/mfa/enroll').set(bearer(refreshed.accessToken)).expect(200)).body as { secret: string };
    await cp.http().post('/v1/auth/mfa/activate').set(bearer(refreshed.accessToken)).send({ code: authenticatorCode(secret) }).expect(200);
    const full = (await login(viewer.email, viewer.password, authenticatorCode(secret, 1)).expect(200)).body.accessToken as string;
    await cp.http().get('/v1/pipelines').set(bearer(full)).expect(200);

    await cp.http().get('/v1/pipelines').set(bearer(otherAdmin.token)).expect(200);
    await cp.http().put(`/v1/tenants/${tenant.tenantId}/mfa`).set(bearer(operator)).send({ required: false }).expect(200);
    await cp.http().put(`/v1/tenants/00000000-0000-4000-8000-000000000000/mfa`).set(bearer(operator)).send({ required: true }).expect(404);
  });

  it('is for password sign-ins: an API key cannot enrol, and bodies are checked', async () => {
    const key = (await cp.http().post('/v1/api-keys').set(bearer(tenant.admin.token)).send({ name: `mfa-${randomBytes(3).toString('hex')}`, scopes: ['read', 'write'] }).expect(201)).body.key as string;
    await cp.http().post('/v1/auth/mfa/enroll').set(bearer(key)).expect(403);
    const who = await person('tenant_admin');
    expect((await cp.http().post('/v1/auth/mfa/activate').set(bearer(who.token)).send({ code: '1' }).expect(400)).body).toMatchObject({ fields: [{ field: 'code' }] });
    await cp.http().post('/v1/auth/mfa/activate').set(bearer(who.token)).send({ code: '123456' }).expect(409);
    await cp.http().put(`/v1/tenants/${tenant.tenantId}/mfa`).set(bearer(operator)).send({ required: 'yes' }).expect(400);
  });
});

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, operatorToken, type TenantFixture } from '../../control-plane/test/factories';
import { authenticatorCode } from '../../control-plane/test/mfa-codes';
import { cliRunner } from './cli-harness';

/** `ade mfa` and `ade login` with a second factor, against a real control plane. */
describe('ade mfa', () => {
  let cp: ControlPlaneHarness;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let apiUrl: string;
  let secret = '';
  let stepsAhead = 0;
  /** Answers the CLI's prompts as a person with an authenticator app would: the secret printed by enrol, a fresh code each time. */
  const answer = (question: string, printed: string) => {
    if (!question.includes('ode')) return undefined;
    secret = /secret {2}([A-Z2-7]+)/.exec(printed)?.[1] ?? secret;
    return authenticatorCode(secret, stepsAhead++);
  };

  beforeAll(async () => {
    dirs = await makeTempDir('cli-mfa');
    cp = await startControlPlane({ label: 'climfa' });
    await cp.app.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await createTenant(cp);
  });
  afterAll(async () => {
    await cp?.close();
    await dirs?.cleanup();
  });

  it('enrols, then asks for the code at login, takes a recovery code, shows the status and turns it off', async () => {
    const ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'admin'), ADE_PASSWORD: tenant.admin.password }, answer);
    expect(await ade('login', '--email', tenant.admin.email)).toMatchObject({ code: 0 });
    const enrolled = await ade('mfa', 'enroll');
    expect(enrolled.code).toBe(0);
    expect(enrolled.stdout).toContain('Add this account to your authenticator app:');
    expect(enrolled.stdout).toMatch(/URI {5}otpauth:\/\/totp\/ADE:/);
    const recoveryCodes = [...enrolled.stdout.matchAll(/^ {2}([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})$/gm)].map((m) => m[1]!);
    expect(recoveryCodes).toHaveLength(10);

    expect(await ade('login', '--email', tenant.admin.email)).toMatchObject({ code: 0, stderr: '' }); // prompted for the code
    const wrong = await ade('login', '--email', tenant.admin.email, '--code', '000000');
    expect(wrong).toMatchObject({ code: 1 });
    expect(wrong.stderr).toContain('invalid email, password or code');
    expect(await ade('login', '--email', tenant.admin.email, '--code', recoveryCodes[0]!)).toMatchObject({ code: 0 });
    const status = await ade('mfa', 'status', '--json');
    expect(JSON.parse(status.stdout)).toEqual({ enabled: true, required: false, recoveryCodesLeft: 9 });
    expect(await ade('mfa', 'disable', '--code', recoveryCodes[1]!)).toMatchObject({ code: 0, stdout: 'Multi-factor authentication is off\n' });
  });

  it('lets an operator require MFA of a tenant, and names what a user without it must do', async () => {
    const operator = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'operator'), ADE_PASSWORD: cp.operator.password });
    expect(await operator('login', '--email', cp.operator.email)).toMatchObject({ code: 0 });
    expect(await operator('tenant', 'mfa', tenant.tenantId, '--required', 'true')).toMatchObject({ code: 0, stdout: `Tenant ${tenant.tenantId}: multi-factor authentication required\n` });
    const viewer = { email: `viewer-${randomBytes(3).toString('hex')}@${tenant.slug}.test`, password: randomBytes(12).toString('hex') };
    await cp.http().post('/v1/users').set('authorization', `Bearer ${tenant.admin.token}`).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
    const ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'viewer'), ADE_PASSWORD: viewer.password });
    expect(await ade('login', '--email', viewer.email)).toMatchObject({ code: 0 });
    const refused = await ade('pipeline', 'list');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('your tenant requires multi-factor authentication: enrol with POST /v1/auth/mfa/enroll and /v1/auth/mfa/activate (ade mfa enroll), then sign in again');
    expect(await operator('tenant', 'mfa', tenant.tenantId, '--required', 'maybe')).toMatchObject({ code: 2 });
    await cp.http().put(`/v1/tenants/${tenant.tenantId}/mfa`).set('authorization', `Bearer ${await operatorToken(cp)}`).send({ required: false }).expect(200);
  });
});

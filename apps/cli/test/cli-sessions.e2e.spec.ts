import { createHmac } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, type TenantFixture } from '../../control-plane/test/factories';
import type { Credentials } from '../src/credentials';
import { cliRunner } from './cli-harness';


const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('ade login sessions: refresh on expiry and logout', () => {
  let cp: ControlPlaneHarness;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let ade: ReturnType<typeof cliRunner>;
  let credentialsFile: string;

  beforeAll(async () => {
    dirs = await makeTempDir('cli-sessions');
    cp = await startControlPlane({ label: 'clisess' });
    await cp.app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await createTenant(cp);
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'cli'), ADE_PASSWORD: tenant.admin.password });
    credentialsFile = join(dirs.path, 'cli', 'credentials.json');
  });
  afterAll(async () => {
    await cp?.close();
    await dirs?.cleanup();
  });

  const saved = async () => JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
  /** The saved access token as it will look once it has expired: same claims, signed by the server's key, exp in the past. */
  function resign(token: string, iat: number, exp: number): string {
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claimsOf(token), iat, exp })}`;
    return `${head}.${createHmac('sha256', cp.env.JWT_SECRET!).update(head).digest('base64url')}`;
  }
  async function expireSavedAccessToken(): Promise<Credentials> {
    const login = await saved();
    const now = Math.floor(Date.now() / 1000);
    const expired = resign(login.accessToken, now - 1000, now - 100);
    await cp.http().get('/v1/auth/me').set('authorization', `Bearer ${expired}`).expect(401);
    const updated = { ...login, accessToken: expired };
    await writeFile(credentialsFile, JSON.stringify(updated));
    return updated;
  }

  it('saves the refresh token with the login, readable by the owner only', async () => {
    const result = await ade('login', '--email', tenant.admin.email);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const login = await saved();
    expect(login.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(login.refreshExpiresAt!)).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
  });

  it('renews an expired access token once, transparently, and saves the new pair', async () => {
    const before = await expireSavedAccessToken();
    const status = await ade('status', '--json');
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(status.stdout).user).toMatchObject({ email: tenant.admin.email });

    const after = await saved();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(claimsOf(after.accessToken).sid).toBe(claimsOf(before.accessToken).sid);
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
    // the spent refresh token is refused by the server
    await cp.http().post('/v1/auth/refresh').send({ refreshToken: before.refreshToken }).expect(401);
  });

  it('asks for a new login when the session cannot be renewed', async () => {
    await ade('login', '--email', tenant.admin.email);
    const login = await expireSavedAccessToken();
    await writeFile(credentialsFile, JSON.stringify({ ...login, refreshToken: 'not-a-refresh-token' }));
    const status = await ade('status');
    expect(status).toMatchObject({ code: 1, stderr: 'ade: not logged in or the session expired; run `ade login`\n' });
  });

  it('logout ends the session on the server and forgets the saved login', async () => {
    await ade('login', '--email', tenant.admin.email);
    const login = await saved();
    const result = await ade('logout');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Logged out of ${login.apiUrl} as ${tenant.admin.email}`);
    await expect(stat(credentialsFile)).rejects.toThrow();
    await cp.http().get('/v1/auth/me').set('authorization', `Bearer ${login.accessToken}`).expect(401);
    await cp.http().post('/v1/auth/refresh').send({ refreshToken: login.refreshToken }).expect(401);

    expect(await ade('status')).toMatchObject({ code: 1, stderr: 'ade: not logged in; run `ade login --email you@example.org`\n' });
    expect(await ade('logout', '--json')).toMatchObject({ code: 0, stdout: `${JSON.stringify({ loggedOut: false }, null, 2)}\n` });
  });

  it('logout with an expired access token still ends the session, renewing first', async () => {
    await ade('login', '--email', tenant.admin.email);
    const login = await expireSavedAccessToken();
    expect(await ade('logout')).toMatchObject({ code: 0, stderr: '' });
    await expect(stat(credentialsFile)).rejects.toThrow();
    // any access token of that session, even an unexpired one, is refused now
    const now = Math.floor(Date.now() / 1000);
    await cp.http().get('/v1/auth/me').set('authorization', `Bearer ${resign(login.accessToken, now, now + 600)}`).expect(401);
  });
});

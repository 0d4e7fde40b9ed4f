import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, type TenantFixture } from '../../control-plane/test/factories';
import { cliRunner } from './cli-harness';

describe('ade apikey, and ADE_API_KEY for scripts', () => {
  let cp: ControlPlaneHarness;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let apiUrl: string;
  let ade: ReturnType<typeof cliRunner>;
  /** The CLI as a script would run it: no saved login, only ADE_API_KEY. */
  const withKey = (key: string) => cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'nobody'), ADE_API_KEY: key });

  beforeAll(async () => {
    dirs = await makeTempDir('cli-apikey');
    cp = await startControlPlane({ label: 'cli-apikey' });
    await cp.app.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await createTenant(cp);
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'cli'), ADE_PASSWORD: tenant.admin.password });
    expect((await ade('login', '--email', tenant.admin.email)).code).toBe(0);
  });
  afterAll(async () => {
    await cp?.close();
    await dirs?.cleanup();
  });

  it('creates a key, prints it once, lists it without its secret, and the key works via ADE_API_KEY', async () => {
    const created = await ade('apikey', 'create', 'ci-reader', '--scopes', 'read', '--expires-in-days', '7');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const key = /Key\s+(ade_\S+)/.exec(created.stdout)![1]!;
    expect(created.stdout).toContain('shown this once');

    const list = await ade('apikey', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('ci-reader');
    expect(list.stdout).toContain(key.split('_')[1]);
    expect(list.stdout).not.toContain(key);

    const pipelines = await withKey(key)('pipeline', 'list');
    expect(pipelines).toMatchObject({ code: 0, stderr: '' });
    // a read-only key cannot create pipelines, nor any key manage keys
    const denied = await withKey(key)('apikey', 'create', 'child', '--scopes', 'read');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('API keys cannot call this endpoint');
  });

  it('revokes a key; the key then gets a clear 401', async () => {
    const created = JSON.parse((await ade('apikey', 'create', 'short', '--scopes', 'read,write', '--json')).stdout) as { id: string; key: string; scopes: string[] };
    expect(created.scopes).toEqual(['read', 'write']);
    expect((await withKey(created.key)('pipeline', 'list')).code).toBe(0);

    const revoked = await ade('apikey', 'revoke', created.id);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked API key ${created.id}\n` });
    const listed = JSON.parse((await ade('apikey', 'list', '--json')).stdout) as Array<{ id: string; status: string }>;
    expect(listed.find((k) => k.id === created.id)?.status).toBe('revoked');

    const rejected = await withKey(created.key)('pipeline', 'list');
    expect(rejected).toMatchObject({ code: 1, stderr: 'ade: the API key (ADE_API_KEY) is invalid, expired or revoked\n' });
  });

  it('rejects bad usage with exit 2 before calling the API', async () => {
    expect((await ade('apikey', 'create', 'x')).code).toBe(2);
    expect((await ade('apikey', 'create', 'x', '--scopes', 'admin')).code).toBe(2);
    expect((await ade('apikey', 'create', 'x', '--scopes', 'read', '--expires-in-days', '0')).code).toBe(2);
    expect((await ade('apikey', 'revoke')).code).toBe(2);
  });
});

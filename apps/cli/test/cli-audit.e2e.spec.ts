import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { bypassTrigger, settledChain, superuserDb, waitForEntry } from '../../control-plane/test/audit-db';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, pipelineBody, type TenantFixture } from '../../control-plane/test/factories';
import { cliRunner } from './cli-harness';

describe('ade audit', () => {
  let cp: ControlPlaneHarness;
  let db: Client;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let ade: ReturnType<typeof cliRunner>;
  let asOperator: ReturnType<typeof cliRunner>;

  beforeAll(async () => {
    dirs = await makeTempDir('cli-audit');
    cp = await startControlPlane({ label: 'cli-audit' });
    db = await superuserDb(cp);
    await cp.app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await createTenant(cp);
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'admin'), ADE_PASSWORD: tenant.admin.password });
    asOperator = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'operator'), ADE_PASSWORD: cp.operator.password });
    expect((await ade('login', '--email', tenant.admin.email)).code).toBe(0);
    expect((await asOperator('login', '--email', cp.operator.email)).code).toBe(0);
    await cp.http().post('/v1/pipelines').set('authorization', `Bearer ${tenant.admin.token}`).set('x-request-id', 'cli-audit-create').send(pipelineBody()).expect(201);
    await waitForEntry(db, tenant.tenantId, (e) => e.requestId === 'cli-audit-create', 'the pipeline entry');
  });
  afterAll(async () => {
    await db?.end();
    await cp?.close();
    await dirs?.cleanup();
  });

  it('lists the audit log and verifies the chain, printing its head hash', async () => {
    const log = await ade('audit', 'log', '--limit', '50');
    expect(log).toMatchObject({ code: 0, stderr: '' });
    expect(log.stdout).toContain('POST /v1/pipelines');
    expect(log.stdout).toContain('auth.login');

    const chain = await settledChain(db, tenant.tenantId);
    const verify = await ade('audit', 'verify');
    expect(verify).toMatchObject({ code: 0, stderr: '' });
    expect(verify.stdout).toContain('OK');
    expect(verify.stdout).toContain(chain.at(-1)!.hash);

    const json = JSON.parse((await asOperator('audit', 'verify', '--tenant', tenant.tenantId, '--json')).stdout);
    expect(json).toMatchObject({ tenantId: tenant.tenantId, ok: true, headHash: chain.at(-1)!.hash });
    expect((await ade('audit', 'log', '--limit', 'x')).code).toBe(2);
  });

  it('exits 1 and names the broken entry after tampering', async () => {
    await settledChain(db, tenant.tenantId);
    await bypassTrigger(db, `UPDATE audit_events SET status_code = 599 WHERE tenant_id = $1 AND seq = 2`, [tenant.tenantId]);
    const verify = await asOperator('audit', 'verify', '--tenant', tenant.tenantId);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('BROKEN      at seq 2: hash_mismatch');
  });
});

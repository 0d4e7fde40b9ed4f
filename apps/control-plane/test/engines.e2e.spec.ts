import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantQueueName } from '@ade/contracts';
import { testRedisUrl } from '@ade/testing';
import { loadSecretsConfig } from '../src/config/secrets.config';
import { reencryptStoredSecrets } from '../src/secrets/reencrypt-secrets';
import { SecretBox } from '../src/secrets/secret-box';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, type TenantFixture } from './factories';
import { openedJob } from './queued-jobs';

const WAREHOUSE = { host: 'https://dbc-1234abcd-5678.cloud.databricks.com', httpPath: '/sql/1.0/warehouses/0123456789abcdef' };

describe('catalog engines', () => {
  let cp: ControlPlaneHarness;
  let pg: Client;
  let operator: string;
  let a: TenantFixture;
  let b: TenantFixture;
  const token = `dapi${randomBytes(16).toString('hex')}`;

  const as = (bearer: string) => ({ authorization: `Bearer ${bearer}` });
  const release = (tenantId: string, bearer: string | null = cp.dataPlaneToken) => {
    const request = cp.http().post('/internal/v1/engine-credentials');
    return (bearer === null ? request : request.set(as(bearer))).send({ tenantId });
  };
  const queuedJobs = async (tenantId: string) => {
    const queue = new Queue(tenantQueueName(tenantId), { connection: { url: testRedisUrl }, prefix: cp.config.queue.prefix });
    try {
      return await queue.getJobs(['waiting', 'delayed', 'active']);
    } finally {
      await queue.close();
    }
  };

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'engines' });
    pg = new Client({ connectionString: cp.env.DATABASE_MIGRATION_URL, options: `-c search_path=${cp.env.DATABASE_SCHEMA}` });
    await pg.connect();
    operator = await operatorToken(cp);
    a = await createTenant(cp);
    b = await createTenant(cp);
  });
  afterAll(async () => {
    await pg?.end();
    await cp?.close();
  });

  it('starts every tenant on the embedded engine, and its jobs say so', async () => {
    const view = await cp.http().get(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).expect(200);
    expect(view.body).toEqual({ kind: 'embedded', host: null, httpPath: null, auth: null, clientId: null, access: null, updatedAt: null });
    const provision = (await queuedJobs(a.tenantId)).find((job) => job.name === 'catalog.provision');
    expect(openedJob(cp, provision!)).toMatchObject({ tenantId: a.tenantId, engine: 'embedded' });
  });

  it('moves a tenant to Databricks: the secret is stored encrypted, never shown, and the catalog is provisioned there', async () => {
    const chosen = await cp.http().put(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).send({ kind: 'databricks', ...WAREHOUSE, credentials: { token } }).expect(200);
    expect(chosen.body).toEqual({ kind: 'databricks', ...WAREHOUSE, auth: 'token', clientId: null, access: { readers: [], phiReaders: [] }, updatedAt: expect.any(String) });
    expect(chosen.text).not.toContain(token);

    const stored = (await pg.query(`SELECT row_to_json(t)::text AS json, engine_secret_ciphertext FROM tenants t WHERE id = $1`, [a.tenantId])).rows[0] as { json: string; engine_secret_ciphertext: string };
    expect(stored.json).not.toContain(token);
    expect(stored.engine_secret_ciphertext).toMatch(/^v1:/);

    const tenant = await cp.http().get(`/v1/tenants/${a.tenantId}`).set(as(operator)).expect(200);
    expect(tenant.body).toMatchObject({ engine: 'databricks', catalog: { status: 'provisioning' } });
    const provisions = (await queuedJobs(a.tenantId)).filter((job) => job.name === 'catalog.provision').map((job) => openedJob(cp, job));
    expect(provisions).toContainEqual({ tenantId: a.tenantId, catalogName: a.catalogName, engine: 'databricks' });
    for (const job of await queuedJobs(a.tenantId)) expect(JSON.stringify(job.data)).not.toContain(token);
  });

  it('releases the credentials to the data plane only while the tenant has catalog work, audited without the secret', async () => {
    const released = await release(a.tenantId).expect(200);
    expect(released.headers['cache-control']).toBe('no-store');
    expect(released.body).toEqual({ tenantId: a.tenantId, kind: 'databricks', ...WAREHOUSE, credentials: { token }, access: { readers: [], phiReaders: [] } });
    const audit = (await pg.query(`SELECT actor_type, details FROM audit_events WHERE tenant_id = $1 AND action = 'engine.credentials_released'`, [a.tenantId])).rows;
    expect(audit).toEqual([{ actor_type: 'system', details: { kind: 'databricks', host: WAREHOUSE.host, auth: 'token' } }]);
    expect(JSON.stringify(audit)).not.toContain(token);

    await pg.query(`UPDATE tenants SET catalog_status = 'ready' WHERE id = $1`, [a.tenantId]);
    expect((await release(a.tenantId).expect(404)).body).toEqual({ error: 'not_found', message: 'engine credentials not found' });
  });

  it('re-encrypts the engine secret on key rotation, after which it is still released', async () => {
    const boxOf = (keys: string) => new SecretBox(loadSecretsConfig({ SECRETS_KEYS: keys }));
    const ciphertext = async () => (await pg.query(`SELECT engine_secret_ciphertext FROM tenants WHERE id = $1`, [a.tenantId])).rows[0].engine_secret_ciphertext as string;
    const oldKeys = cp.env.SECRETS_KEYS!;
    const newKey = `next:${randomBytes(32).toString('base64')}`;
    await reencryptStoredSecrets(cp.app.get(DataSource), boxOf(`${newKey},${oldKeys}`));
    expect(SecretBox.keyIdOf(await ciphertext())).toBe('next');
    expect(JSON.parse(boxOf(newKey).decrypt(await ciphertext()))).toEqual({ token });

    await reencryptStoredSecrets(cp.app.get(DataSource), boxOf(`${oldKeys},${newKey}`));
    await pg.query(`UPDATE tenants SET catalog_status = 'provisioning' WHERE id = $1`, [a.tenantId]);
    expect((await release(a.tenantId).expect(200)).body.credentials).toEqual({ token });
  });

  it('answers the same 404 for an embedded tenant and an unknown one, and refuses callers without the data-plane token', async () => {
    await release(b.tenantId).expect(404);
    await release(randomUUID()).expect(404);
    await release(a.tenantId, null).expect(401);
    await release(a.tenantId, a.admin.token).expect(401);
    await cp.http().post('/internal/v1/engine-credentials').set(as(cp.dataPlaneToken)).send({ tenantId: 'nope' }).expect(400);
  });

  it('is for platform operators only, and names the bad field of a request', async () => {
    await cp.http().get(`/v1/tenants/${a.tenantId}/engine`).set(as(a.admin.token)).expect(403);
    await cp.http().put(`/v1/tenants/${b.tenantId}/engine`).set(as(a.admin.token)).send({ kind: 'embedded' }).expect(403);
    await cp.http().get(`/v1/tenants/${randomUUID()}/engine`).set(as(operator)).expect(404);
    const bad = await cp.http().put(`/v1/tenants/${b.tenantId}/engine`).set(as(operator)).send({ kind: 'databricks', ...WAREHOUSE, host: 'http://dbc.cloud.databricks.com', credentials: { token } }).expect(400);
    expect(bad.body.message).toContain('host');
    expect(bad.text).not.toContain(token);
  });

  it("keeps the tenant's reader groups with the engine, shows them, and releases them with the credentials", async () => {
    const access = { readers: ['payer analysts'], phiReaders: ['care management'] };
    const chosen = await cp.http().put(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).send({ kind: 'databricks', ...WAREHOUSE, credentials: { token }, access }).expect(200);
    expect(chosen.body.access).toEqual(access);
    expect((await cp.http().get(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).expect(200)).body.access).toEqual(access);
    await pg.query(`UPDATE tenants SET catalog_status = 'provisioning' WHERE id = $1`, [a.tenantId]);
    expect((await release(a.tenantId).expect(200)).body.access).toEqual(access);

    // Other groups on the same workspace: provisioning again applies the governance for them.
    await pg.query(`UPDATE tenants SET catalog_status = 'ready' WHERE id = $1`, [a.tenantId]);
    const provisionsBefore = (await queuedJobs(a.tenantId)).filter((job) => job.name === 'catalog.provision').length;
    await cp.http().put(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).send({ kind: 'databricks', ...WAREHOUSE, credentials: { token }, access: { readers: ['actuaries'] } }).expect(200);
    expect((await pg.query(`SELECT catalog_status FROM tenants WHERE id = $1`, [a.tenantId])).rows[0]).toEqual({ catalog_status: 'provisioning' });
    expect((await queuedJobs(a.tenantId)).filter((job) => job.name === 'catalog.provision').length).toBe(provisionsBefore + 1);
    await cp.http().put(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).send({ kind: 'databricks', ...WAREHOUSE, credentials: { token }, access }).expect(200);

    const bad = await cp.http().put(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).send({ kind: 'databricks', ...WAREHOUSE, credentials: { token }, access: { readers: ['x` TO `all'] } }).expect(400);
    expect(bad.body.message).toContain('access.readers.0');
    expect((await cp.http().get(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).expect(200)).body.access).toEqual(access);
    await cp.http().put(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).send({ kind: 'databricks', ...WAREHOUSE, credentials: { token } }).expect(200);
  });

  it('provisions again on new credentials (another principal for the PHI mask to let through), and goes back to embedded clearing the secret', async () => {
    await pg.query(`UPDATE tenants SET catalog_status = 'ready' WHERE id = $1`, [a.tenantId]);
    const oauth = { clientId: 'ade-service-principal', clientSecret: `dose${randomBytes(16).toString('hex')}` };
    const rotated = await cp.http().put(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).send({ kind: 'databricks', ...WAREHOUSE, credentials: oauth }).expect(200);
    expect(rotated.body).toMatchObject({ auth: 'oauth-m2m', clientId: 'ade-service-principal' });
    const status = (await pg.query(`SELECT catalog_status FROM tenants WHERE id = $1`, [a.tenantId])).rows[0];
    expect(status).toEqual({ catalog_status: 'provisioning' });

    await cp.http().put(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).send({ kind: 'embedded' }).expect(200);
    await pg.query(`UPDATE tenants SET catalog_status = 'ready' WHERE id = $1`, [a.tenantId]);
    const provisions = (await queuedJobs(a.tenantId)).filter((job) => job.name === 'catalog.provision').length;
    await cp.http().put(`/v1/tenants/${a.tenantId}/engine`).set(as(operator)).send({ kind: 'embedded' }).expect(200);
    expect((await pg.query(`SELECT catalog_status FROM tenants WHERE id = $1`, [a.tenantId])).rows[0]).toEqual({ catalog_status: 'ready' });
    expect((await queuedJobs(a.tenantId)).filter((job) => job.name === 'catalog.provision').length).toBe(provisions);
    const row = (await pg.query(`SELECT catalog_engine, engine_settings, engine_secret_ciphertext FROM tenants WHERE id = $1`, [a.tenantId])).rows[0];
    expect(row).toEqual({ catalog_engine: 'embedded', engine_settings: null, engine_secret_ciphertext: null });
  });
});

import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUMAN_ONLY_ROUTE } from './authorization-matrix.expectations';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, pipelineBody, type TenantFixture } from './factories';
import { liveRoutes } from './live-routes';

describe('API keys: hashed, scoped, revocable credentials for machine clients', () => {
  let cp: ControlPlaneHarness;
  let pg: Client;
  let tenantA: TenantFixture;
  let tenantB: TenantFixture;
  let pipelineB: string;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const createKey = async (admin: TenantFixture, body: Record<string, unknown>) =>
    (await cp.http().post('/v1/api-keys').set(bearer(admin.admin.token)).send(body).expect(201)).body as { id: string; key: string; prefix: string };

  /** Runs SQL in platform scope: row-level security hides every row otherwise. */
  const platformQuery = async (sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> => {
    await pg.query('BEGIN');
    try {
      await pg.query(`SELECT set_config('ade.platform', 'on', true)`);
      return (await pg.query(sql, params)).rows;
    } finally {
      await pg.query('COMMIT');
    }
  };
  /** Every api_keys row as text. */
  const storedKeys = async (): Promise<string> =>
    (await platformQuery(`SELECT row_to_json(k)::text AS json FROM api_keys k`)).map((row) => row.json as string).join('\n');
  const setColumn = (id: string, column: 'expires_at' | 'last_used_at', value: string) =>
    platformQuery(`UPDATE api_keys SET ${column} = $2 WHERE id = $1`, [id, value]);

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'api-keys' });
    pg = new Client({ connectionString: cp.env.DATABASE_MIGRATION_URL, options: `-c search_path=${cp.env.DATABASE_SCHEMA}` });
    await pg.connect();
    tenantA = await createTenant(cp);
    tenantB = await createTenant(cp);
    pipelineB = (await cp.http().post('/v1/pipelines').set(bearer(tenantB.admin.token)).send(pipelineBody()).expect(201)).body.id;
  });
  afterAll(async () => {
    await pg?.end();
    await cp?.close();
  });

  it('shows the key once and stores only its hash', async () => {
    const created = await cp.http().post('/v1/api-keys').set(bearer(tenantA.admin.token)).send({ name: 'ci', scopes: ['read'], expiresInDays: 30 }).expect(201);
    const { key, prefix, id } = created.body as { key: string; prefix: string; id: string };
    expect(key).toMatch(/^ade_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`ade_${prefix}_`)).toBe(true);
    expect(created.body).toMatchObject({ name: 'ci', scopes: ['read'], status: 'active', lastUsedAt: null, revokedAt: null });
    expect(new Date(created.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    const list = await cp.http().get('/v1/api-keys').set(bearer(tenantA.admin.token)).expect(200);
    const listed = list.body.items.find((item: { id: string }) => item.id === id);
    expect(listed).toMatchObject({ id, prefix, name: 'ci', scopes: ['read'] });
    expect(JSON.stringify(list.body)).not.toContain(key.slice(17));
    expect(listed).not.toHaveProperty('key');
    const one = await cp.http().get(`/v1/api-keys/${id}`).set(bearer(tenantA.admin.token)).expect(200);
    expect(one.body).not.toHaveProperty('key');

    const secret = key.slice(`ade_${prefix}_`.length);
    const stored = await storedKeys();
    expect(stored).toContain(prefix);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(Buffer.from(secret).toString('hex'));
  });

  it('reads with a read key (as Bearer or X-API-Key) and records when it was last used', async () => {
    const { key, id } = await createKey(tenantA, { name: 'reader', scopes: ['read'] });
    await cp.http().get('/v1/pipelines').set(bearer(key)).expect(200);
    await cp.http().get('/v1/runs').set('x-api-key', key).expect(200);
    const listed = (await cp.http().get(`/v1/api-keys/${id}`).set(bearer(tenantA.admin.token)).expect(200)).body;
    expect(listed.lastUsedAt).not.toBeNull();

    // written at most once a minute
    await setColumn(id, 'last_used_at', '2020-01-01T00:00:00Z');
    await cp.http().get('/v1/pipelines').set(bearer(key)).expect(200);
    const touched = new Date((await cp.http().get(`/v1/api-keys/${id}`).set(bearer(tenantA.admin.token))).body.lastUsedAt).getTime();
    expect(touched).toBeGreaterThan(Date.now() - 60_000);
    await cp.http().get('/v1/pipelines').set(bearer(key)).expect(200);
    const again = new Date((await cp.http().get(`/v1/api-keys/${id}`).set(bearer(tenantA.admin.token))).body.lastUsedAt).getTime();
    expect(again).toBe(touched);
  });

  it('a read-only key cannot change anything', async () => {
    const { key } = await createKey(tenantA, { name: 'reader-2', scopes: ['read'] });
    const denied = await cp.http().post('/v1/pipelines').set(bearer(key)).send(pipelineBody()).expect(403);
    expect(denied.body.error).toBe('forbidden');
    await cp.http().put('/v1/webhook').set(bearer(key)).send({ url: 'https://93.184.215.14/hook' }).expect(403);
  });

  it('a write key changes state, recorded under the key, in its own tenant', async () => {
    const { key, id } = await createKey(tenantA, { name: 'deployer', scopes: ['read', 'write'] });
    const pipeline = await cp.http().post('/v1/pipelines').set(bearer(key)).send(pipelineBody()).expect(201);
    await cp.http().patch(`/v1/pipelines/${pipeline.body.id}`).set(bearer(key)).send({ schedule: '0 6 * * *' }).expect(200);
    const run = await cp.http().post(`/v1/pipelines/${pipeline.body.id}/runs`).set(bearer(key)).expect(202);
    expect(await platformQuery(`SELECT requested_by FROM pipeline_runs WHERE id = $1`, [run.body.id])).toEqual([{ requested_by: id }]);
    // the admin sees the key's pipeline: same tenant
    await cp.http().get(`/v1/pipelines/${pipeline.body.id}`).set(bearer(tenantA.admin.token)).expect(200);
  });

  it('a write-only key cannot read', async () => {
    const { key } = await createKey(tenantA, { name: 'writer', scopes: ['write'] });
    await cp.http().get('/v1/pipelines').set(bearer(key)).expect(403);
    await cp.http().post('/v1/pipelines').set(bearer(key)).send(pipelineBody()).expect(201);
  });

  it('never manages users, API keys, tenants or rate limits, whatever its scopes', async () => {
    const { key, id } = await createKey(tenantA, { name: 'all-scopes', scopes: ['read', 'write'] });
    const userBody = { email: `bot-${Date.now()}@a.test`, password: 'a-long-password-1', role: 'tenant_admin', tenantId: tenantA.tenantId };
    await cp.http().post('/v1/users').set(bearer(key)).send(userBody).expect(403);
    await cp.http().get('/v1/users').set(bearer(key)).expect(403);
    await cp.http().post('/v1/api-keys').set(bearer(key)).send({ name: 'child', scopes: ['read'] }).expect(403);
    await cp.http().get('/v1/api-keys').set(bearer(key)).expect(403);
    await cp.http().delete(`/v1/api-keys/${id}`).set(bearer(key)).expect(403);
    await cp.http().post('/v1/tenants').set(bearer(key)).send({ name: 'Evil', slug: 'evil-tenant' }).expect(403);
    await cp.http().get('/v1/tenants').set(bearer(key)).expect(403);
    await cp.http().get(`/v1/tenants/${tenantA.tenantId}`).set(bearer(key)).expect(403);
    await cp.http().put(`/v1/tenants/${tenantA.tenantId}/rate-limit`).set(bearer(key)).send({ apiRateLimitPerMinute: 1_000_000 }).expect(403);
  });

  it('is refused on every live route under users, API keys, tenants and audit', async () => {
    const { key } = await createKey(tenantA, { name: 'prober', scopes: ['read', 'write'] });
    const humanOnly = liveRoutes(cp.app).filter((route) => HUMAN_ONLY_ROUTE.test(route));
    expect(humanOnly.length).toBeGreaterThanOrEqual(12);
    for (const route of humanOnly) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(/:[A-Za-z]+/g, tenantA.tenantId);
      const response = await cp.http()[method.toLowerCase() as 'get'](url).set(bearer(key)).send({});
      expect({ route, status: response.status }).toEqual({ route, status: 403 });
    }
  });

  it('answers 404 for another tenant\'s resources', async () => {
    const { key } = await createKey(tenantA, { name: 'cross', scopes: ['read', 'write'] });
    await cp.http().get(`/v1/pipelines/${pipelineB}`).set(bearer(key)).expect(404);
    await cp.http().patch(`/v1/pipelines/${pipelineB}`).set(bearer(key)).send({ schedule: null }).expect(404);
    await cp.http().delete(`/v1/pipelines/${pipelineB}`).set(bearer(key)).expect(404);
    const keyB = await createKey(tenantB, { name: 'b-key', scopes: ['read'] });
    await cp.http().delete(`/v1/api-keys/${keyB.id}`).set(bearer(tenantA.admin.token)).expect(404);
    await cp.http().get(`/v1/api-keys/${keyB.id}`).set(bearer(tenantA.admin.token)).expect(404);
  });

  it('a revoked key gets 401; revoking is idempotent and the key stays listed', async () => {
    const { key, id } = await createKey(tenantA, { name: 'to-revoke', scopes: ['read'] });
    await cp.http().get('/v1/pipelines').set(bearer(key)).expect(200);
    await cp.http().delete(`/v1/api-keys/${id}`).set(bearer(tenantA.admin.token)).expect(204);
    await cp.http().delete(`/v1/api-keys/${id}`).set(bearer(tenantA.admin.token)).expect(204);
    const denied = await cp.http().get('/v1/pipelines').set(bearer(key)).expect(401);
    expect(denied.body).toEqual({ error: 'unauthorized', message: 'invalid or expired API key' });
    const listed = (await cp.http().get(`/v1/api-keys/${id}`).set(bearer(tenantA.admin.token)).expect(200)).body;
    expect(listed).toMatchObject({ status: 'revoked' });
    expect(listed.revokedAt).not.toBeNull();
  });

  it('an expired key gets 401', async () => {
    const { key, id } = await createKey(tenantA, { name: 'short-lived', scopes: ['read'], expiresInDays: 1 });
    await cp.http().get('/v1/pipelines').set(bearer(key)).expect(200);
    await setColumn(id, 'expires_at', new Date(Date.now() - 1000).toISOString());
    const denied = await cp.http().get('/v1/pipelines').set(bearer(key)).expect(401);
    expect(denied.body.message).toBe('invalid or expired API key');
    expect((await cp.http().get(`/v1/api-keys/${id}`).set(bearer(tenantA.admin.token))).body.status).toBe('expired');
  });

  it('malformed, unknown and tampered keys get the same 401', async () => {
    const { key } = await createKey(tenantA, { name: 'tamper', scopes: ['read'] });
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    const unknown = `ade_000000000000_${key.slice(-43)}`;
    for (const bad of ['ade_', 'ade_nonsense', tampered, unknown, `${key}x`]) {
      const response = await cp.http().get('/v1/pipelines').set(bearer(bad)).expect(401);
      expect(response.body.message).toBe('invalid or expired API key');
    }
    await cp.http().get('/v1/pipelines').set('x-api-key', 'not-a-key').expect(401);
  });

  it('JWTs still work, and only tenant admins manage keys', async () => {
    await cp.http().get('/v1/pipelines').set(bearer(tenantA.admin.token)).expect(200);
    const operator = await operatorToken(cp);
    await cp.http().get('/v1/tenants').set(bearer(operator)).expect(200);
    await cp.http().post('/v1/api-keys').set(bearer(operator)).send({ name: 'op', scopes: ['read'] }).expect(403);
    await cp.http().post('/v1/api-keys').set(bearer(tenantA.admin.token)).send({ name: 'bad', scopes: ['admin'] }).expect(400);
  });
});

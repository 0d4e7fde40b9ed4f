import { createHash, randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_REUSE_ACTION } from '../src/auth/refresh-reuse.recorder';
import { waitForEntry } from './audit-db';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';

interface Issued {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresIn: number;
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const INVALID_REFRESH = { error: 'unauthorized', message: 'invalid or expired refresh token' };

describe('authentication sessions: refresh tokens and logout', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;
  let owner: Client;

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'sessions' });
    tenant = await createTenant(cp);
    // The schema owner's connection: reads the table as stored, past row-level security.
    owner = new Client({ connectionString: cp.env.DATABASE_MIGRATION_URL, options: `-c search_path=${cp.env.DATABASE_SCHEMA}` });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await cp?.close();
  });

  const login = async (email = tenant.admin.email, password = tenant.admin.password): Promise<Issued> =>
    (await cp.http().post('/v1/auth/token').send({ email, password }).expect(200)).body as Issued;
  const refresh = (refreshToken: string) => cp.http().post('/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => cp.http().get('/v1/auth/me').set('authorization', `Bearer ${accessToken}`);
  const logout = (accessToken: string, body: object = {}) => cp.http().post('/v1/auth/logout').set('authorization', `Bearer ${accessToken}`).send(body);

  it('login returns a refresh token next to an access token that names its session', async () => {
    const issued = await login();
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 30 * 24 * 3600 });
    expect(Buffer.from(issued.refreshToken, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(claimsOf(issued.accessToken).sid).toMatch(/^[0-9a-f-]{36}$/);
    await me(issued.accessToken).expect(200);
  });

  it('rotates: each refresh gives a new pair in the same session, and the new access token works', async () => {
    const first = await login();
    const second = (await refresh(first.refreshToken).expect(200)).body as Issued;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 30 * 24 * 3600 });
    expect(claimsOf(second.accessToken)).toMatchObject({ sid: claimsOf(first.accessToken).sid, tid: tenant.tenantId, role: 'tenant_admin' });
    await me(second.accessToken).expect(200);
    await cp.http().get('/v1/pipelines').set('authorization', `Bearer ${second.accessToken}`).expect(200);
    const third = (await refresh(second.refreshToken).expect(200)).body as Issued;
    await me(third.accessToken).expect(200);
  });

  it('replaying a used refresh token revokes the whole session: every refresh and access token of it', async () => {
    const first = await login();
    const second = (await refresh(first.refreshToken).expect(200)).body as Issued;
    const other = await login(); // another session of the same user stays alive

    expect((await refresh(first.refreshToken).expect(401)).body).toEqual(INVALID_REFRESH);
    expect((await refresh(second.refreshToken).expect(401)).body).toEqual(INVALID_REFRESH);
    await me(second.accessToken).expect(401);
    await me(first.accessToken).expect(401);

    await me(other.accessToken).expect(200);
    await refresh(other.refreshToken).expect(200);
    const { rows } = await owner.query(`SELECT revoke_reason FROM refresh_tokens WHERE family_id = $1`, [claimsOf(first.accessToken).sid]);
    expect(rows.map((r) => r.revoke_reason)).toEqual(['reuse_detected', 'reuse_detected']);
  });

  it('logout ends the session at once: its access token and its refresh token stop working', async () => {
    const session = await login();
    const other = await login();
    await logout(session.accessToken).expect(204);
    const denied = await me(session.accessToken).expect(401);
    expect(denied.body).toEqual({ error: 'unauthorized', message: 'missing or invalid access token' });
    expect((await refresh(session.refreshToken).expect(401)).body).toEqual(INVALID_REFRESH);
    await me(other.accessToken).expect(200);
    await refresh(other.refreshToken).expect(200);
    const redis = new Redis(cp.env.REDIS_URL!);
    try {
      const ttl = await redis.ttl(`${cp.env.QUEUE_PREFIX}:revoked-session:${String(claimsOf(session.accessToken).sid)}`);
      expect(ttl).toBeGreaterThan(800);
      expect(ttl).toBeLessThanOrEqual(900);
    } finally {
      redis.disconnect();
    }
  });

  it('logout also ends the session of a refresh token the caller names, but never another user’s', async () => {
    const current = await login();
    const older = await login();
    const operatorSession = await login(cp.operator.email, cp.operator.password);
    await logout(current.accessToken, { refreshToken: older.refreshToken }).expect(204);
    await refresh(older.refreshToken).expect(401);
    await me(older.accessToken).expect(401);

    const another = await login();
    await logout(another.accessToken, { refreshToken: operatorSession.refreshToken }).expect(204);
    await refresh(operatorSession.refreshToken).expect(200);
  });

  it('refuses expired, unknown and deleted refresh tokens with one answer', async () => {
    const expiring = await login();
    await owner.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(expiring.refreshToken)]);
    expect((await refresh(expiring.refreshToken).expect(401)).body).toEqual(INVALID_REFRESH);

    expect((await refresh(randomBytes(32).toString('base64url')).expect(401)).body).toEqual(INVALID_REFRESH);

    const deleted = await login();
    await owner.query(`DELETE FROM refresh_tokens WHERE token_hash = $1`, [sha256(deleted.refreshToken)]);
    expect((await refresh(deleted.refreshToken).expect(401)).body).toEqual(INVALID_REFRESH);
  });

  it('refuses the refresh token of a user who no longer exists', async () => {
    const viewer = { email: `gone-${randomBytes(3).toString('hex')}@${tenant.slug}.test`, password: randomBytes(12).toString('hex') };
    await cp.http().post('/v1/users').set('authorization', `Bearer ${tenant.admin.token}`).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
    const session = await login(viewer.email, viewer.password);
    await owner.query(`DELETE FROM users WHERE email = $1`, [viewer.email]);
    expect((await refresh(session.refreshToken).expect(401)).body).toEqual(INVALID_REFRESH);
  });

  it("puts a refresh and a replay on the tenant's chain under the user, and alerts the tenant of the ended session", async () => {
    await cp.http().put('/v1/webhook').set('authorization', `Bearer ${tenant.admin.token}`).send({ url: 'https://93.184.215.14/ade-hook' }).expect(200);
    const first = await login();
    const sessionId = claimsOf(first.accessToken).sid as string;
    const requestId = `refresh-${randomBytes(4).toString('hex')}`;
    await cp.http().post('/v1/auth/refresh').set('x-request-id', requestId).send({ refreshToken: first.refreshToken }).expect(200);
    const adminId = (await me(tenant.admin.token).expect(200)).body.id as string;
    const byUser = { tenantId: tenant.tenantId, actorType: 'user', actorId: adminId, actorRole: 'tenant_admin' };
    expect(await waitForEntry(owner, tenant.tenantId, (e) => e.requestId === requestId, 'the refresh on the tenant chain')).toMatchObject({ ...byUser, outcome: 'success', statusCode: 200 });

    const replayId = `replay-${randomBytes(4).toString('hex')}`;
    await cp.http().post('/v1/auth/refresh').set('x-request-id', replayId).send({ refreshToken: first.refreshToken }).expect(401);
    const reuse = await waitForEntry(owner, tenant.tenantId, (e) => e.action === REFRESH_REUSE_ACTION && e.resourceId === sessionId, 'the reuse on the tenant chain');
    expect(reuse).toMatchObject({ ...byUser, resourceType: 'session', outcome: 'denied', statusCode: 401, requestId: replayId, details: { sessionRevoked: true } });
    expect(await waitForEntry(owner, tenant.tenantId, (e) => e.requestId === replayId && e.action !== REFRESH_REUSE_ACTION, 'the refused refresh request')).toMatchObject({ ...byUser, outcome: 'denied', statusCode: 401 });
    // Nothing of either lands on the platform chain without an actor any more.
    const { rows: platform } = await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE tenant_id IS NULL AND request_id = ANY($1)`, [[requestId, replayId]]);
    expect(platform).toEqual([{ n: 0 }]);

    const sessionAlerts = async () =>
      ((await cp.http().get('/v1/quality/alerts').set('authorization', `Bearer ${tenant.admin.token}`).expect(200)).body.items as Array<{ id: string; kind: string }>).filter((a) => a.kind === 'session_token_reused');
    const { rows: stored } = await owner.query(`SELECT id FROM alerts WHERE dedupe_key = $1`, [`${tenant.tenantId}:session:${sessionId}:session_token_reused`]);
    const alert = (await sessionAlerts()).find((a) => a.id === stored[0]?.id);
    expect(alert).toMatchObject({ kind: 'session_token_reused', userId: adminId, table: null, runId: null, detail: {} });
    const { rows: deliveries } = await owner.query(`SELECT payload FROM webhook_deliveries WHERE alert_id = $1`, [alert!.id]);
    expect(deliveries).toEqual([{ payload: expect.objectContaining({ kind: 'session_token_reused', userId: adminId, table: null }) }]);
    // A second replay of the same session raises no second alert.
    const before = (await sessionAlerts()).length;
    await refresh(first.refreshToken).expect(401);
    expect((await sessionAlerts()).length).toBe(before);
  });

  it('gives platform operators sessions too (no tenant): refresh, replay detection and logout', async () => {
    const first = await login(cp.operator.email, cp.operator.password);
    const second = (await refresh(first.refreshToken).expect(200)).body as Issued;
    expect(claimsOf(second.accessToken)).toMatchObject({ tid: null, role: 'platform_operator', sid: claimsOf(first.accessToken).sid });
    await cp.http().get('/v1/tenants').set('authorization', `Bearer ${second.accessToken}`).expect(200);
    const { rows } = await owner.query(`SELECT tenant_id FROM refresh_tokens WHERE token_hash = $1`, [sha256(second.refreshToken)]);
    expect(rows).toEqual([{ tenant_id: null }]);

    await logout(second.accessToken).expect(204);
    await me(second.accessToken).expect(401);
    await refresh(second.refreshToken).expect(401);

    const replayed = await login(cp.operator.email, cp.operator.password);
    await refresh(replayed.refreshToken).expect(200);
    await refresh(replayed.refreshToken).expect(401);
  });

  it('stores refresh tokens only as SHA-256 hashes', async () => {
    const issued = await login();
    const { rows } = await owner.query(`SELECT * FROM refresh_tokens`);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(issued.refreshToken);
    const mine = rows.filter((row) => row.token_hash === sha256(issued.refreshToken));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ tenant_id: tenant.tenantId, family_id: claimsOf(issued.accessToken).sid, used_at: null, revoked_at: null });
    for (const row of rows) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('validates the refresh and logout bodies', async () => {
    const issued = await login();
    expect((await cp.http().post('/v1/auth/refresh').send({}).expect(400)).body.error).toBe('validation_failed');
    await cp.http().post('/v1/auth/refresh').send({ refreshToken: issued.refreshToken, extra: 1 }).expect(400);
    await logout(issued.accessToken, { refreshToken: 42 }).expect(400);
    await cp.http().post('/v1/auth/logout').send({}).expect(401);
    await cp.http().post('/v1/auth/logout').set('authorization', `Bearer ${issued.accessToken}`).expect(204);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@ade/testing';
import { AuditLogService } from '../src/audit/audit-log.service';
import { chainOf, bypassTrigger, settledChain, superuserDb, waitForEntry } from './audit-db';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, pipelineBody, tokenFor, type TenantFixture } from './factories';
import { listening, sendAndReset } from './raw-request';

/**
 * The audit trail end to end (HIPAA 164.312(b), (c)): what HTTP requests leave in the chains,
 * who may read them, and that verification finds edits and deletions made behind the
 * application's back (a superuser connection, past the append-only trigger).
 */
describe('audit trail', () => {
  let cp: ControlPlaneHarness;
  let db: Client;
  let a: TenantFixture;
  let b: TenantFixture;
  let operator: string;
  let adminAId: string;
  let viewerA: { email: string; password: string; token: string; id: string };
  let pipelineA: string;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'audit' });
    db = await superuserDb(cp);
    a = await createTenant(cp);
    b = await createTenant(cp);
    operator = await operatorToken(cp);
    adminAId = (await cp.http().get('/v1/auth/me').set(bearer(a.admin.token)).expect(200)).body.id;
    const viewer = { email: `viewer@${a.slug}.test`, password: 'viewer-password-1' };
    const created = await cp.http().post('/v1/users').set(bearer(operator)).send({ ...viewer, role: 'tenant_viewer', tenantId: a.tenantId }).expect(201);
    viewerA = { ...viewer, id: created.body.id, token: await tokenFor(cp, viewer.email, viewer.password) };
    pipelineA = (await cp.http().post('/v1/pipelines').set(bearer(a.admin.token)).send(pipelineBody()).expect(201)).body.id;
  });
  afterAll(async () => {
    await db?.end();
    await cp?.close();
  });

  it('records a state-changing request with who, tenant, action pattern, outcome and request id', async () => {
    await cp.http().post(`/v1/pipelines/${pipelineA}/runs`).set(bearer(a.admin.token)).set('x-request-id', 'audit-run-ok').expect(202);
    const entry = await waitForEntry(db, a.tenantId, (e) => e.requestId === 'audit-run-ok', 'the run request entry');
    expect(entry).toMatchObject({
      tenantId: a.tenantId,
      actorType: 'user',
      actorId: adminAId,
      actorRole: 'tenant_admin',
      action: 'POST /v1/pipelines/:id/runs',
      resourceType: 'pipelines',
      resourceId: pipelineA,
      outcome: 'success',
      statusCode: 202,
    });
    expect(entry.clientIp).toBeTruthy();
    expect(entry.details).toEqual({});
  });

  it("records a request whose client reset the connection right after sending on its tenant's chain, with the caller and the answer it never read", async () => {
    const port = await listening(cp);
    const email = `aborted-${randomUUID().slice(0, 8)}@${a.slug}.test`;
    await sendAndReset(port, 'POST', '/v1/users', a.admin.token, { email, password: 'aborted-password-1', role: 'tenant_viewer' }, 'audit-aborted');
    const entry = await waitForEntry(db, a.tenantId, (e) => e.requestId === 'audit-aborted', 'the aborted request entry');
    expect(entry).toMatchObject({
      tenantId: a.tenantId,
      actorType: 'user',
      actorId: adminAId,
      actorRole: 'tenant_admin',
      action: 'POST /v1/users',
      outcome: 'success',
      statusCode: 201,
      details: { clientAborted: true },
    });
    // The change it recorded did take effect.
    const users = await cp.http().get('/v1/users').set(bearer(a.admin.token)).expect(200);
    expect(users.body.items.map((u: { email: string }) => u.email)).toContain(email);
  });

  it('records denied requests: a viewer 403, another tenant 404, no token 401', async () => {
    await cp.http().post(`/v1/pipelines/${pipelineA}/runs`).set(bearer(viewerA.token)).set('x-request-id', 'audit-viewer-403').expect(403);
    expect(await waitForEntry(db, a.tenantId, (e) => e.requestId === 'audit-viewer-403', 'the 403 entry')).toMatchObject({
      actorId: viewerA.id,
      actorRole: 'tenant_viewer',
      action: 'POST /v1/pipelines/:id/runs',
      outcome: 'denied',
      statusCode: 403,
    });

    await cp.http().patch(`/v1/pipelines/${pipelineA}`).set(bearer(b.admin.token)).set('x-request-id', 'audit-b-404').send({ schedule: null }).expect(404);
    // In B's own chain: the caller's tenant, never the tenant whose resource it probed.
    expect(await waitForEntry(db, b.tenantId, (e) => e.requestId === 'audit-b-404', 'the 404 entry')).toMatchObject({
      action: 'PATCH /v1/pipelines/:id',
      outcome: 'denied',
      statusCode: 404,
      resourceId: pipelineA,
    });
    expect((await chainOf(db, a.tenantId)).some((e) => e.requestId === 'audit-b-404')).toBe(false);

    await cp.http().delete(`/v1/pipelines/${pipelineA}`).set('x-request-id', 'audit-anon-401').expect(401);
    expect(await waitForEntry(db, null, (e) => e.requestId === 'audit-anon-401', 'the 401 entry')).toMatchObject({
      actorId: null,
      action: 'DELETE /v1/pipelines/:id',
      outcome: 'denied',
      statusCode: 401,
    });
  });

  it("records an operator's action on a tenant in that tenant's chain", async () => {
    const user = { email: `audit-${randomUUID().slice(0, 8)}@${a.slug}.test`, password: 'another-password-1', role: 'tenant_viewer', tenantId: a.tenantId };
    await cp.http().post('/v1/users').set(bearer(operator)).set('x-request-id', 'audit-operator-user').send(user).expect(201);
    const entry = await waitForEntry(db, a.tenantId, (e) => e.requestId === 'audit-operator-user', 'the operator entry');
    expect(entry).toMatchObject({ actorRole: 'platform_operator', action: 'POST /v1/users', outcome: 'success' });
    expect(JSON.stringify(entry)).not.toContain(user.email);
  });

  it('records login attempts without the email in cleartext', async () => {
    await cp.http().post('/v1/auth/token').set('x-request-id', 'audit-login-bad').send({ email: a.admin.email, password: 'wrong-password-123' }).expect(401);
    const entry = await waitForEntry(db, a.tenantId, (e) => e.requestId === 'audit-login-bad', 'the failed login entry');
    expect(entry).toMatchObject({ action: 'auth.login', actorId: adminAId, outcome: 'denied', statusCode: 401 });
    expect(entry.details).toEqual({ emailSha256: createHash('sha256').update(a.admin.email.toLowerCase()).digest('hex') });
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE audit_events::text ILIKE $1`, [`%${a.admin.email}%`]);
    expect(rows[0].n).toBe(0);

    await cp.http().post('/v1/auth/token').set('x-request-id', 'audit-login-unknown').send({ email: 'nobody@nowhere.test', password: 'wrong-password-123' }).expect(401);
    expect(await waitForEntry(db, null, (e) => e.requestId === 'audit-login-unknown', 'the unknown login entry')).toMatchObject({ action: 'auth.login', actorId: null });
  });

  it('records reads of quarantine samples and quality reports', async () => {
    const table = `${a.catalogName}.silver.professional_claims`;
    await cp.http().get('/v1/quality/quarantine').query({ table }).set(bearer(viewerA.token)).set('x-request-id', 'audit-read-quarantine');
    await cp.http().get(`/v1/quality/runs/${randomUUID()}`).set(bearer(viewerA.token)).set('x-request-id', 'audit-read-run');
    await cp.http().get(`/v1/quality/tables/${table}`).set(bearer(viewerA.token)).set('x-request-id', 'audit-read-table');
    await cp.http().get('/v1/pipelines').set(bearer(viewerA.token)).set('x-request-id', 'audit-read-plain').expect(200);
    expect(await waitForEntry(db, a.tenantId, (e) => e.requestId === 'audit-read-quarantine', 'quarantine read')).toMatchObject({
      action: 'GET /v1/quality/quarantine',
      resourceType: 'quarantine_sample',
      actorId: viewerA.id,
    });
    expect(await waitForEntry(db, a.tenantId, (e) => e.requestId === 'audit-read-run', 'report read')).toMatchObject({
      action: 'GET /v1/quality/runs/:runId',
      resourceType: 'quality_report',
    });
    const tableRead = await waitForEntry(db, a.tenantId, (e) => e.requestId === 'audit-read-table', 'table read');
    expect(tableRead).toMatchObject({ action: 'GET /v1/quality/tables/:table', resourceId: null });
    // the table name is a value of the URL: not in the entry
    expect(JSON.stringify(tableRead)).not.toContain(table);
    expect((await settledChain(db, a.tenantId)).some((e) => e.requestId === 'audit-read-plain')).toBe(false);
  });

  it("keeps tenants out of each other's audit log", async () => {
    await settledChain(db, a.tenantId);
    const own = await cp.http().get('/v1/audit/events').query({ limit: 500 }).set(bearer(b.admin.token)).expect(200);
    expect(own.body.tenantId).toBe(b.tenantId);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((item: { tenantId: string }) => item.tenantId === b.tenantId)).toBe(true);
    expect(JSON.stringify(own.body)).not.toContain('audit-run-ok');

    await cp.http().get('/v1/audit/events').query({ tenantId: a.tenantId }).set(bearer(b.admin.token)).expect(404);
    await cp.http().get('/v1/audit/verify').query({ tenantId: a.tenantId }).set(bearer(b.admin.token)).expect(404);
    await cp.http().get('/v1/audit/events').set(bearer(viewerA.token)).expect(403);

    const asOperator = await cp.http().get('/v1/audit/events').query({ tenantId: a.tenantId, limit: 500 }).set(bearer(operator)).expect(200);
    expect(asOperator.body.items.some((item: { requestId: string }) => item.requestId === 'audit-run-ok')).toBe(true);
    const platform = await cp.http().get('/v1/audit/events').query({ limit: 500 }).set(bearer(operator)).expect(200);
    expect(platform.body.tenantId).toBeNull();
    expect(platform.body.items.some((item: { action: string }) => item.action === 'POST /v1/tenants')).toBe(true);
    await cp.http().get('/v1/audit/events').query({ tenantId: randomUUID() }).set(bearer(operator)).expect(404);
  });

  it('pages through a chain newest first', async () => {
    const first = await cp.http().get('/v1/audit/events').query({ limit: 2 }).set(bearer(a.admin.token)).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].seq).toBe(first.body.items[1].seq + 1);
    const next = await cp.http().get('/v1/audit/events').query({ limit: 2, before: first.body.nextBefore }).set(bearer(a.admin.token)).expect(200);
    expect(next.body.items[0].seq).toBe(first.body.items[1].seq - 1);
  });

  it('verifies intact chains and reports the head', async () => {
    const chain = await settledChain(db, a.tenantId);
    const verified = await cp.http().get('/v1/audit/verify').set(bearer(a.admin.token)).expect(200);
    expect(verified.body).toEqual({ tenantId: a.tenantId, ok: true, entries: expect.any(Number), headSeq: expect.any(Number), headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verified.body.entries).toBeGreaterThanOrEqual(chain.length);
    const platform = await cp.http().get('/v1/audit/verify').set(bearer(operator)).expect(200);
    expect(platform.body).toMatchObject({ tenantId: null, ok: true });
    const ofA = await cp.http().get('/v1/audit/verify').query({ tenantId: a.tenantId }).set(bearer(operator)).expect(200);
    expect(ofA.body).toMatchObject({ tenantId: a.tenantId, ok: true });
  });

  it('refuses to update or delete audit rows without the purge setting, even as superuser', async () => {
    await expect(db.query(`UPDATE audit_events SET action = 'x' WHERE tenant_id = $1 AND seq = 1`, [a.tenantId])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 1`, [a.tenantId])).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('gives the application role no way to change or remove audit rows', async () => {
    const app = new Client({ connectionString: cp.env.DATABASE_URL });
    await app.connect();
    try {
      await app.query(`SELECT set_config('search_path', $1, false)`, [cp.config.database.schema]);
      await app.query(`SELECT set_config('ade.platform', 'on', false), set_config('ade.retention_purge', 'on', false)`);
      expect((await app.query(`SELECT count(*)::int AS n FROM audit_events`)).rows[0].n).toBeGreaterThan(0);
      await expect(app.query(`UPDATE audit_events SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied/);
      // its only way to remove rows: the retention function, which keeps 6 years
      await expect(app.query(`SELECT * FROM purge_audit_events(NULL, now())`)).rejects.toThrow(/at least 6 years/);
    } finally {
      await app.end();
    }
  });

  it('finds an edited entry (hash_mismatch) and a deleted one (chain_break)', async () => {
    const edited = await createTenant(cp);
    const deleted = await createTenant(cp);
    for (const tenant of [edited, deleted]) {
      for (let i = 0; i < 3; i += 1) await cp.http().post('/v1/pipelines').set(bearer(tenant.admin.token)).send(pipelineBody()).expect(201);
      await waitForEntry(db, tenant.tenantId, (e) => e.action === 'POST /v1/pipelines' && e.seq >= 4, 'entries to tamper with');
      await settledChain(db, tenant.tenantId);
    }

    await bypassTrigger(db, `UPDATE audit_events SET outcome = 'denied' WHERE tenant_id = $1 AND seq = 2`, [edited.tenantId]);
    const afterEdit = await cp.http().get('/v1/audit/verify').set(bearer(edited.admin.token)).expect(200);
    expect(afterEdit.body).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'hash_mismatch' } });

    await bypassTrigger(db, `DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 3`, [deleted.tenantId]);
    const afterDelete = await cp.http().get('/v1/audit/verify').query({ tenantId: deleted.tenantId }).set(bearer(operator)).expect(200);
    expect(afterDelete.body).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'chain_break' } });

    // tenants untouched by the tampering still verify
    expect((await cp.http().get('/v1/audit/verify').set(bearer(b.admin.token)).expect(200)).body.ok).toBe(true);
  });

  it('keeps the chain gapless under 20 parallel writes', async () => {
    const c = await createTenant(cp);
    const before = (await settledChain(db, c.tenantId)).length;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cp.http().post('/v1/pipelines').set(bearer(c.admin.token)).set('x-request-id', `audit-parallel-${i}`).send(pipelineBody())),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const parallel = (e: { requestId: string | null }) => e.requestId?.startsWith('audit-parallel-') ?? false;
    await eventually(() => chainOf(db, c.tenantId), (entries) => entries.filter(parallel).length >= 20, { what: '20 parallel entries' });
    const chain = await settledChain(db, c.tenantId);
    expect(chain.filter(parallel)).toHaveLength(20);
    expect(chain.length).toBe(before + 20);
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: chain.length }, (_, i) => i + 1));
    const verified = await cp.http().get('/v1/audit/verify').set(bearer(c.admin.token)).expect(200);
    expect(verified.body).toMatchObject({ ok: true, entries: chain.length, headSeq: chain.length, headHash: chain.at(-1)!.hash });
    // every audit write of this suite went through (a failure is only logged, so check the count)
    expect(cp.app.get(AuditLogService).failedWrites).toBe(0);
  });
});

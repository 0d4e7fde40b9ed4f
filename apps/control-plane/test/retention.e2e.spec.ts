import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@ade/testing';
import { RETENTION_PURGED_ACTION } from '../src/audit/audit-event';
import { RetentionConfig } from '../src/config/retention.config';
import { RETENTION_QUEUE, RETENTION_SCHEDULER_ID } from '../src/retention/retention.queue';
import { RetentionScheduler } from '../src/retention/retention.scheduler';
import { RetentionService } from '../src/retention/retention.service';
import { backdateChain, chainOf, settledChain, superuserDb } from './audit-db';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, pipelineBody, type TenantFixture } from './factories';

const DAY_MS = 24 * 3600 * 1000;
const EIGHT_YEARS_AGO = new Date(Date.now() - 8 * 366 * DAY_MS);

/**
 * Retention (RUN_HISTORY_RETENTION_DAYS=30, AUDIT_RETENTION_DAYS default 7 years) against real
 * PostgreSQL and Redis: old runs and their dependent rows go, recent ones stay, a tenant on legal
 * hold keeps everything, the audit chain is purged by prefix and still verifies.
 */
describe('retention and legal hold', () => {
  let cp: ControlPlaneHarness;
  let db: Client;
  let a: TenantFixture;
  let held: TenantFixture;
  let operator: string;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** A run of the tenant's pipeline, finished `daysAgo` days ago (backdated behind the API). */
  async function finishedRun(tenant: TenantFixture, pipelineId: string, daysAgo: number): Promise<string> {
    const run = await cp.http().post(`/v1/pipelines/${pipelineId}/runs`).set(bearer(tenant.admin.token)).expect(202);
    const at = new Date(Date.now() - daysAgo * DAY_MS);
    await db.query(`UPDATE pipeline_runs SET status = 'succeeded', queued_at = $2, started_at = $2, finished_at = $2 WHERE id = $1`, [run.body.id, at]);
    return run.body.id as string;
  }

  async function runExists(id: string): Promise<boolean> {
    return (await db.query(`SELECT 1 FROM pipeline_runs WHERE id = $1`, [id])).rowCount === 1;
  }

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'retention', env: { RUN_HISTORY_RETENTION_DAYS: '30' } });
    db = await superuserDb(cp);
    operator = await operatorToken(cp);
    a = await createTenant(cp);
    held = await createTenant(cp);
  });
  afterAll(async () => {
    await db?.end();
    await cp?.close();
  });

  it('lets only platform operators set a legal hold, and audits it', async () => {
    await cp.http().put(`/v1/tenants/${held.tenantId}/legal-hold`).set(bearer(held.admin.token)).send({ enabled: true, reason: 'matter 42' }).expect(403);
    await cp.http().put(`/v1/tenants/${held.tenantId}/legal-hold`).set(bearer(operator)).send({ enabled: true }).expect(400);
    await cp.http().put(`/v1/tenants/00000000-0000-4000-8000-000000000000/legal-hold`).set(bearer(operator)).send({ enabled: true, reason: 'x' }).expect(404);
    const set = await cp
      .http()
      .put(`/v1/tenants/${held.tenantId}/legal-hold`)
      .set(bearer(operator))
      .set('x-request-id', 'hold-on')
      .send({ enabled: true, reason: 'matter 42' })
      .expect(200);
    expect(set.body).toMatchObject({ tenantId: held.tenantId, enabled: true, reason: 'matter 42', setAt: expect.any(String) });
    const chain = await eventually(
      () => chainOf(db, held.tenantId),
      (entries) => entries.some((e) => e.action === 'PUT /v1/tenants/:id/legal-hold'),
      { what: 'the legal hold request entry' },
    );
    expect(chain.find((e) => e.action === 'legal_hold.enabled')).toMatchObject({ actorRole: 'platform_operator', requestId: 'hold-on', resourceId: held.tenantId });
    expect(JSON.stringify(chain)).not.toContain('matter 42');
  });

  it('deletes old run history and audit prefixes, keeps recent rows and tenants on legal hold, and the chains still verify', async () => {
    const pipelineA = (await cp.http().post('/v1/pipelines').set(bearer(a.admin.token)).send(pipelineBody()).expect(201)).body.id;
    const pipelineHeld = (await cp.http().post('/v1/pipelines').set(bearer(held.admin.token)).send(pipelineBody()).expect(201)).body.id;
    const oldRun = await finishedRun(a, pipelineA, 40);
    const recentRun = await finishedRun(a, pipelineA, 5);
    const heldOldRun = await finishedRun(held, pipelineHeld, 40);
    await db.query(
      `INSERT INTO quarantine_run_totals (tenant_id, run_id, pipeline_id, table_name, attempt, quarantined, measured_at) VALUES ($1, $2, $3, 'silver.claims', 1, 7, now())`,
      [a.tenantId, oldRun, pipelineA],
    );

    // The first 3 entries of each chain are 8 years old (re-hashed, so the chains are still valid).
    await settledChain(db, a.tenantId);
    await settledChain(db, held.tenantId);
    const oldA = (await backdateChain(db, a.tenantId, 3, EIGHT_YEARS_AGO)).slice(0, 3);
    await backdateChain(db, held.tenantId, 3, EIGHT_YEARS_AGO);
    expect((await cp.http().get('/v1/audit/verify').set(bearer(a.admin.token)).expect(200)).body.ok).toBe(true);

    // The refresh token of A's admin's first login has expired; any later ones have not.
    const [expiredToken] = (
      await db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 day'
                      WHERE id = (SELECT id FROM refresh_tokens WHERE tenant_id = $1 ORDER BY created_at LIMIT 1) RETURNING id`, [a.tenantId])
    ).rows as Array<{ id: string }>;
    const liveTokensOfA = Number((await db.query(`SELECT count(*) AS n FROM refresh_tokens WHERE tenant_id = $1`, [a.tenantId])).rows[0].n) - 1;

    const summary = await cp.app.get(RetentionService).applyRetention();
    expect(summary.tenants).toEqual(
      expect.arrayContaining([
        {
          tenantId: a.tenantId,
          status: 'applied',
          removed: expect.objectContaining({ pipeline_runs: 1, quarantine_run_totals: 1, audit_events: 3, refresh_tokens: 1 }),
        },
        { tenantId: held.tenantId, status: 'legal_hold' },
      ]),
    );

    expect(await runExists(oldRun)).toBe(false);
    expect(await runExists(recentRun)).toBe(true);
    expect(await runExists(heldOldRun)).toBe(true);
    expect((await db.query(`SELECT 1 FROM quarantine_run_totals WHERE run_id = $1`, [oldRun])).rowCount).toBe(0);
    expect((await db.query(`SELECT 1 FROM refresh_tokens WHERE id = $1`, [expiredToken!.id])).rowCount).toBe(0);
    expect(Number((await db.query(`SELECT count(*) AS n FROM refresh_tokens WHERE tenant_id = $1`, [a.tenantId])).rows[0].n)).toBe(liveTokensOfA);

    const chainA = await chainOf(db, a.tenantId);
    expect(chainA[0]!.seq).toBe(4);
    expect(chainA.find((e) => e.action === RETENTION_PURGED_ACTION)).toMatchObject({
      actorType: 'system',
      details: { purgedThroughSeq: 3, anchorHash: oldA[2]!.hash, purged: 3 },
    });
    expect(chainA.find((e) => e.action === 'retention.applied')).toMatchObject({
      details: expect.objectContaining({ pipeline_runs: 1, quarantine_run_totals: 1, audit_events: 3 }),
    });
    const verified = await cp.http().get('/v1/audit/verify').set(bearer(a.admin.token)).expect(200);
    expect(verified.body).toMatchObject({ ok: true, entries: chainA.length, headSeq: chainA.at(-1)!.seq });

    const chainHeld = await chainOf(db, held.tenantId);
    expect(chainHeld[0]!.seq).toBe(1);
    expect(chainHeld.some((e) => e.action.startsWith('retention.') || e.action === RETENTION_PURGED_ACTION)).toBe(false);
    expect((await cp.http().get('/v1/audit/verify').query({ tenantId: held.tenantId }).set(bearer(operator)).expect(200)).body.ok).toBe(true);
    expect((await cp.http().get('/v1/audit/verify').set(bearer(operator)).expect(200)).body.ok).toBe(true);
  });

  it('purge_audit_events refuses a cutoff younger than 6 years and a tenant on legal hold', async () => {
    await expect(db.query(`SELECT * FROM purge_audit_events($1, now() - interval '2191 days')`, [a.tenantId])).rejects.toThrow(/at least 6 years/);
    await expect(db.query(`SELECT * FROM purge_audit_events(NULL, now() - interval '1 year')`)).rejects.toThrow(/at least 6 years/);
    await expect(db.query(`SELECT * FROM purge_audit_events($1, now() - interval '3000 days')`, [held.tenantId])).rejects.toThrow(/legal hold/);
    // never the chain's newest entry, even when everything is old enough
    const oldOnly = randomUUID();
    for (const seq of [1, 2]) {
      await db.query(
        `INSERT INTO audit_events (tenant_id, seq, at, actor_type, action, outcome, prev_hash, hash)
         VALUES ($1, $2, now() - interval '3000 days', 'system', 'test', 'success', $3, $4)`,
        [oldOnly, seq, String(seq - 1).repeat(64), String(seq).repeat(64)],
      );
    }
    const { rows } = await db.query(`SELECT * FROM purge_audit_events($1, now() - interval '2192 days')`, [oldOnly]);
    expect(rows[0]).toEqual({ purged: '1', last_seq: '1', last_hash: '1'.repeat(64) });
    expect((await chainOf(db, oldOnly)).map((e) => e.seq)).toEqual([2]);
  });

  it('releases the hold: retention applies again on the next run', async () => {
    await cp.http().put(`/v1/tenants/${held.tenantId}/legal-hold`).set(bearer(operator)).send({ enabled: false, reason: 'matter closed' }).expect(200);
    await cp.app.get(RetentionService).applyRetention();
    expect((await chainOf(db, held.tenantId))[0]!.seq).toBe(4);
    expect((await cp.http().get('/v1/audit/verify').query({ tenantId: held.tenantId }).set(bearer(operator)).expect(200)).body.ok).toBe(true);
  });

  it('runs from the BullMQ job scheduler', async () => {
    const pipelineA = (await cp.http().post('/v1/pipelines').set(bearer(a.admin.token)).send(pipelineBody()).expect(201)).body.id;
    const oldRun = await finishedRun(a, pipelineA, 60);
    const queue = cp.app.get<Queue>(getQueueToken(RETENTION_QUEUE));
    await new RetentionScheduler(queue, new RetentionConfig(2557, 30, 1000)).onApplicationBootstrap();
    try {
      expect((await queue.getJobScheduler(RETENTION_SCHEDULER_ID))?.every).toBe(1000);
      await eventually(() => runExists(oldRun), (exists) => !exists, { timeoutMs: 15_000, what: 'the scheduled retention run' });
    } finally {
      await new RetentionScheduler(queue, new RetentionConfig(2557, 30, 24 * 3600 * 1000)).onApplicationBootstrap();
    }
    expect((await cp.http().get('/v1/audit/verify').set(bearer(a.admin.token)).expect(200)).body.ok).toBe(true);
  });
});

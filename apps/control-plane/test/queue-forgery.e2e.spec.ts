import { randomBytes, randomUUID } from 'node:crypto';
import { Queue, type Job } from 'bullmq';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_QUEUE, tenantQueueName } from '@ade/contracts';
import { Secret } from '@ade/config';
import { deriveTenantQueueKey, QueueKeyring, seal, SEAL_LIFETIME_MS } from '@ade/queue';
import { eventually, testRedisUrl } from '@ade/testing';
import { chainOf, superuserDb, waitForEntry } from './audit-db';
import { createTenant, type TenantFixture } from './factories';
import { startPlatform, type PlatformHarness } from './platform.harness';
import { openedJob } from './queued-jobs';
import { as, createPipeline, land, triggerRun, waitForCatalogReady, waitForRunEnd } from './run-flow';
import { EVENT_REFUSED_ACTION, JOB_REFUSED_ACTION } from '../src/events/queue-refusals';

const CLAIMS = ['claim_id,member_id,billing_npi,paid_amount', 'C1,M1,1234567893,10.00', 'C2,M2,1234567893,20.50'].join('\n');

/**
 * Issue 16, item 1: someone who can write to Redis, and nothing else, tries to drive a worker
 * with jobs and the control plane with events. Each attempt is refused before anything reads it,
 * changes nothing in the catalog or in PostgreSQL, and is on an audit chain.
 */
describe('jobs and events written to Redis by anyone but the planes', () => {
  let platform: PlatformHarness;
  let other: TenantFixture;
  let db: Client;
  const queues: Queue[] = [];
  const queueNamed = (name: string) => {
    const queue = new Queue(name, { connection: { url: testRedisUrl }, prefix: platform.cp.config.queue.prefix });
    queues.push(queue);
    return queue;
  };
  let tenantQueue: Queue;
  let events: Queue;
  /** The payload of a run the control plane really queued: what an attacker with Redis access can read and copy. */
  let genuineRun: { job: Job; payload: Record<string, unknown> };
  let pipelineId: string;

  beforeAll(async () => {
    platform = await startPlatform('forgery');
    other = await createTenant(platform.cp);
    await waitForCatalogReady(platform.cp, other);
    db = await superuserDb(platform.cp);
    tenantQueue = queueNamed(tenantQueueName(platform.tenant.tenantId));
    events = queueNamed(EVENTS_QUEUE);
    await land(platform.dataDir, platform.tenant.tenantId, 'claims.csv', CLAIMS);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { targetTable: 'healthcare_data.silver.claims' });
    pipelineId = pipeline.id;
    const runId = await triggerRun(platform.cp, platform.tenant, pipeline.id);
    expect((await waitForRunEnd(platform.cp, platform.tenant, runId)).status).toBe('succeeded');
    const job = (await tenantQueue.getJob(runId))!;
    genuineRun = { job, payload: openedJob(platform.cp, job) };
  });
  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    await db?.end();
    await platform?.close();
  });

  const settled = (queue: Queue, id: string) =>
    eventually(() => queue.getJob(id), (job) => job?.finishedOn !== undefined, { what: `${queue.name} entry ${id} to be settled` });

  /** A run job for a pipeline the control plane never saw, writing a table nobody asked for. */
  const forgedRun = () => {
    const runId = randomUUID();
    const pipeline = genuineRun.payload.pipeline as Record<string, unknown>;
    return { ...genuineRun.payload, runId, pipelineId: randomUUID(), pipeline: { ...pipeline, name: `forged-${runId.slice(0, 8)}`, targetTable: 'healthcare_data.silver.forged' } };
  };
  const forgedTableWritten = () =>
    platform.withCatalog(async (catalog) =>
      (await catalog.tableExists({ catalog: 'healthcare_data', schema: 'bronze', table: 'forged' })) ||
      (await catalog.tableExists({ catalog: 'healthcare_data', schema: 'silver', table: 'forged' })),
    );

  async function expectJobRefused(jobId: string, reason: string): Promise<void> {
    const job = await settled(tenantQueue, jobId);
    expect(job!.failedReason).toBe(`job refused: ${reason}`);
    expect(job!.attemptsMade).toBe(1);
    const entry = await waitForEntry(db, platform.tenant.tenantId, (e) => e.action === JOB_REFUSED_ACTION && e.resourceId === jobId, `the refusal of ${jobId} on the tenant chain`);
    expect(entry).toMatchObject({ actorType: 'system', actorId: 'data-plane', outcome: 'denied', resourceType: 'job', details: { jobName: 'pipeline.run', reason } });
    // Nothing was written and nothing was recorded as a run.
    expect(await forgedTableWritten()).toBe(false);
    await platform.cp.http().get(`/v1/runs/${jobId}`).set(as(platform.tenant.admin.token)).expect(404);
  }

  it('refuses an unsealed pipeline.run, a perfectly valid payload, and puts the refusal on the tenant chain', async () => {
    const job = forgedRun();
    await tenantQueue.add('pipeline.run', job, { jobId: job.runId as string, attempts: 3 });
    await expectJobRefused(job.runId as string, 'unsealed');
  });

  it('refuses a run sealed with a key that is not the platform key, or with another tenant’s key, as forged', async () => {
    const guessed = QueueKeyring.fromSigningKeys([{ id: 'test', key: new Secret(randomBytes(32).toString('base64')) }]);
    const first = forgedRun();
    await tenantQueue.add('pipeline.run', seal(guessed, 'job', { tenantId: platform.tenant.tenantId, name: 'pipeline.run', id: first.runId }, first), { jobId: first.runId });
    await expectJobRefused(first.runId, 'forged');

    // A worker of the other tenant holds its key: it cannot make jobs for this one.
    const otherTenantKey = QueueKeyring.fromSigningKeys(platform.cp.config.dataPlane.queueSigningKeys).sealing(other.tenantId)!;
    const asOther = QueueKeyring.fromTenantKeys([{ ...otherTenantKey, tenantId: platform.tenant.tenantId }]);
    const second = forgedRun();
    await tenantQueue.add('pipeline.run', seal(asOther, 'job', { tenantId: platform.tenant.tenantId, name: 'pipeline.run', id: second.runId }, second), { jobId: second.runId });
    await expectJobRefused(second.runId, 'forged');
  });

  it('refuses a copy of a genuine job: altered, replayed under a new id, or sealed by the real key past its lifetime', async () => {
    const altered = { ...(genuineRun.job.data as Record<string, unknown>), pipeline: forgedRun().pipeline };
    const alteredId = randomUUID();
    await tenantQueue.add('pipeline.run', altered, { jobId: alteredId });
    await expectJobRefused(alteredId, 'forged');

    const replayId = randomUUID();
    await tenantQueue.add('pipeline.run', genuineRun.job.data, { jobId: replayId });
    await expectJobRefused(replayId, 'forged');

    // Replayed under its own id while the queue keeps the finished job: the queue does not add it again.
    await tenantQueue.add('pipeline.run', genuineRun.job.data, { jobId: genuineRun.job.id! });
    const kept = (await tenantQueue.getJob(genuineRun.job.id!))!;
    expect([kept.finishedOn, kept.attemptsMade]).toEqual([genuineRun.job.finishedOn, genuineRun.job.attemptsMade]);

    const keyring = QueueKeyring.fromSigningKeys(platform.cp.config.dataPlane.queueSigningKeys);
    const stale = forgedRun();
    const sealedLongAgo = seal(keyring, 'job', { tenantId: platform.tenant.tenantId, name: 'pipeline.run', id: stale.runId }, stale, Date.now() - SEAL_LIFETIME_MS - 60_000);
    await tenantQueue.add('pipeline.run', sealedLongAgo, { jobId: stale.runId });
    await expectJobRefused(stale.runId, 'expired');
  });

  it("refuses forged events: the catalog stays ready, and the refusal is on the platform chain naming the claimed tenant", async () => {
    const tenantId = platform.tenant.tenantId;
    const catalogFailed = (id: string) => ({ tenantId, at: new Date().toISOString(), catalogName: 'healthcare_data', error: { code: 'catalog_unavailable', message: 'forged' }, _id: id });
    const send = async (data: Record<string, unknown>, reason: string) => {
      const { _id: id, ...event } = data as Record<string, unknown> & { _id: string };
      await events.add('catalog.failed', event, { jobId: id });
      expect((await settled(events, id))!.failedReason).toBe(`event refused: ${reason}`);
      const entry = await waitForEntry(db, null, (e) => e.action === EVENT_REFUSED_ACTION && e.resourceId === id, `the refusal of event ${id}`);
      expect(entry).toMatchObject({ actorType: 'system', outcome: 'denied', resourceType: 'event', details: { eventName: 'catalog.failed', claimedTenantId: tenantId, reason } });
    };

    await send(catalogFailed(`forged-unsealed-${randomUUID()}`), 'unsealed');

    // Sealed by a worker of the other tenant, claiming this one.
    const otherKey = QueueKeyring.fromSigningKeys(platform.cp.config.dataPlane.queueSigningKeys).sealing(other.tenantId)!;
    const posingWorker = QueueKeyring.fromTenantKeys([{ ...otherKey, tenantId }]);
    const posedId = `forged-posed-${randomUUID()}`;
    const { _id: _posed, ...posed } = catalogFailed(posedId);
    await send({ ...seal(posingWorker, 'event', { tenantId, name: 'catalog.failed', id: posedId }, posed), _id: posedId }, 'forged');

    // A key derived from a guessed signing key, even under the right key id.
    const guessedId = `forged-guessed-${randomUUID()}`;
    const guessed = QueueKeyring.fromTenantKeys([deriveTenantQueueKey(randomBytes(32), 'test', tenantId)]);
    const { _id: _guessed, ...guessedEvent } = catalogFailed(guessedId);
    await send({ ...seal(guessed, 'event', { tenantId, name: 'catalog.failed', id: guessedId }, guessedEvent), _id: guessedId }, 'forged');

    const catalog = (await platform.cp.http().get('/v1/catalog').set(as(platform.tenant.admin.token)).expect(200)).body;
    expect(catalog).toMatchObject({ status: 'ready' });
    // The tenant's own chain never names these: the tenant an event claims is not trusted.
    expect((await chainOf(db, tenantId)).some((entry) => entry.action === EVENT_REFUSED_ACTION)).toBe(false);
  });

  it("still takes the planes' own sealed jobs and events: a second genuine run succeeds", async () => {
    const runId = await triggerRun(platform.cp, platform.tenant, pipelineId);
    expect((await waitForRunEnd(platform.cp, platform.tenant, runId)).status).toBe('succeeded');
  });
});

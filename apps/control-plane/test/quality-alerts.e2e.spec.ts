import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData } from '@ade/contracts';
import { eventually } from '@ade/testing';
import { QualityRecorder } from '../src/quality/quality-recorder';
import { WEBHOOKS_QUEUE } from '../src/webhooks/webhooks.queue';
import { verifyWebhookSignature } from '../src/webhooks/webhook-signature';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';
import { QUALITY_TABLE, qualityMeasured, startReceiver, type RunFigures } from './quality-flow';
import { as, createPipeline, triggerRun } from './run-flow';
import { workerEvents, type EventSender } from './worker-events';

const MINUTE = 60_000;

describe('quality anomalies, alerts and signed webhooks (real PostgreSQL and Redis)', () => {
  let cp: ControlPlaneHarness;
  let events: EventSender;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let tenant: TenantFixture;
  let pipelineId: string;
  let secret: string;
  const runs: string[] = [];
  const base = Date.now() - 60 * MINUTE;

  const get = async (path: string, token = tenant.admin.token) => (await cp.http().get(path).set(as(token)).expect(200)).body;
  const measured = (i: number, figures: RunFigures, attempt = 1) =>
    qualityMeasured({ tenantId: tenant.tenantId, runId: runs[i]!, pipelineId }, new Date(base + i * MINUTE), figures, attempt);
  const send = (data: EventData<'quality.measured'>) => events.send({ name: 'quality.measured', data });
  const alertsOfTable = async () => (await get('/v1/quality/alerts/professional_claims')).items as Array<Record<string, any>>;
  /** Every delivery job by state: only a job on this queue makes the control plane send a webhook. */
  const webhookJobs = () =>
    cp.app
      .get<Queue>(getQueueToken(WEBHOOKS_QUEUE))
      .getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'waiting-children', 'completed', 'failed');
  const webhooksIdle = (counts: Record<string, number>) =>
    ['waiting', 'prioritized', 'delayed', 'active', 'waiting-children'].every((state) => counts[state] === 0);

  beforeAll(async () => {
    cp = await startControlPlane({
      label: 'quality-alerts',
      env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_MAX_ATTEMPTS: '4', WEBHOOK_BACKOFF_MS: '20' },
    });
    events = workerEvents(cp);
    // /flaky fails the first two deliveries of each alert; /down always fails.
    receiver = await startReceiver((path, nth) => (path === '/down' ? 500 : path === '/flaky' && nth <= 2 ? 503 : 200));
    tenant = await createTenant(cp);
    pipelineId = (await createPipeline(cp, tenant)).id;
    for (let i = 0; i < 6; i += 1) runs.push(await triggerRun(cp, tenant, pipelineId));
  });
  afterAll(async () => {
    await events?.close();
    await receiver?.close();
    await cp?.close();
  });

  it('flags three times the volume and a doubled mean paid amount, and serves them', async () => {
    const put = await cp.http().put('/v1/webhook').set(as(tenant.admin.token)).send({ url: receiver.url('/flaky') }).expect(200);
    secret = put.body.secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(put.body.secretMasked).toBe(`************${secret.slice(-4)}`);
    const thresholds = await cp.http().put('/v1/quality/alerts/professional_claims').set(as(tenant.admin.token)).send({ minQuality: 0.9, maxAnomaly: 5 }).expect(200);
    expect(thresholds.body).toMatchObject({ table: QUALITY_TABLE, minQuality: 0.9, maxAnomaly: 5 });

    const normal: RunFigures[] = [
      { rows: 1000, mean: 100 },
      { rows: 1020, mean: 102 },
      { rows: 980, mean: 98 },
      { rows: 1010, mean: 101 },
    ];
    for (const [i, figures] of normal.entries()) await send(measured(i, figures));
    const first = await get(`/v1/quality/runs/${runs[0]}`);
    expect(first.items[0]).toMatchObject({ runId: runs[0], table: QUALITY_TABLE, history: { runs: 0 }, checks: [], anomalies: [] });
    expect(first.items[0].history.note).toContain('insufficient history');
    const fourth = (await get(`/v1/quality/runs/${runs[3]}`)).items[0];
    expect(fourth).toMatchObject({ history: { runs: 3, note: null }, anomalies: [] });
    expect(fourth.checks.map((c: { kind: string }) => c.kind)).toEqual(['volume', 'amount_shift', 'null_rate', 'new_providers']);

    await send(measured(4, { rows: 3000, mean: 100 }));
    const volume = (await get(`/v1/quality/runs/${runs[4]}`)).items[0];
    expect(volume.rows).toEqual({ input: 3000, silver: 2990, quarantined: 10, warned: 4, repaired: 3 });
    expect(volume.anomalies).toEqual([
      {
        kind: 'volume',
        column: null,
        metric: 'rows',
        score: 39.7015, // (3000 − 1005) / (5% of 1005)
        value: 3000,
        baseline: { median: 1005, mad: 10, runs: 4 },
        message: 'input rows is 3000, above the median 1005 of the previous 4 runs (robust z 39.7)',
      },
    ]);

    await send(measured(5, { rows: 1000, mean: 200, overall: 0.8 }));
    const shift = (await get(`/v1/quality/runs/${runs[5]}`)).items[0];
    // History means 100, 102, 98, 101, 100: median 100, MAD 1, scale floor 5 → (200 − 100) / 5.
    expect(shift.anomalies).toEqual([expect.objectContaining({ kind: 'amount_shift', column: 'paid_amount', metric: 'mean', score: 20, value: 200 })]);
    expect(shift.checks.find((c: { kind: string }) => c.kind === 'volume')).toMatchObject({ flagged: false, baseline: { median: 1010, runs: 5 } });

    const latest = await get('/v1/quality/tables/professional_claims');
    expect(latest).toMatchObject({ table: QUALITY_TABLE, report: { runId: runs[5], scores: { overall: 0.8 } }, thresholds: { minQuality: 0.9, maxAnomaly: 5 } });
    expect((await get(`/v1/quality/tables/${QUALITY_TABLE}`)).report.id).toBe(latest.report.id);

    const anomalies = await get('/v1/quality/anomalies?table=silver.professional_claims&days=1');
    expect(anomalies.items.map((a: { runId: string; kind: string }) => [a.runId, a.kind])).toEqual([
      [runs[5], 'amount_shift'],
      [runs[4], 'volume'],
    ]);

    const trends = await get('/v1/quality/trends?table=professional_claims&days=7');
    expect(trends.points.map((p: { runId: string }) => p.runId)).toEqual(runs);
    expect(trends.points.map((p: { anomalyCount: number }) => p.anomalyCount)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(trends.points[4]).toMatchObject({ rows: { input: 3000 }, scores: { overall: 0.95 } });
    const daily = trends.daily as Array<{ runs: number; rows: { input: number }; anomalyCount: number }>;
    expect(daily.reduce((sum, day) => sum + day.runs, 0)).toBe(6);
    expect(daily.reduce((sum, day) => sum + day.rows.input, 0)).toBe(1000 + 1020 + 980 + 1010 + 3000 + 1000);
    expect(daily.reduce((sum, day) => sum + day.anomalyCount, 0)).toBe(2);
  });

  it('alerts past the thresholds and delivers each alert signed, retrying a failing receiver', async () => {
    const delivered = await eventually(
      alertsOfTable,
      (items) => items.length === 3 && items.every((alert) => alert.delivery?.status === 'delivered'),
      { what: 'three delivered alerts' },
    );
    const byRun = (runId: string) => delivered.filter((alert) => alert.runId === runId).map((alert) => alert.kind).sort();
    expect(byRun(runs[4]!)).toEqual(['anomaly_above_threshold']);
    expect(byRun(runs[5]!)).toEqual(['anomaly_above_threshold', 'quality_below_threshold']);
    const volumeAlert = delivered.find((alert) => alert.runId === runs[4])!;
    expect(volumeAlert).toMatchObject({
      table: QUALITY_TABLE,
      pipelineId,
      detail: { maxScore: 39.7015, maxAnomaly: 5, anomalies: 1 },
      delivery: { status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null },
    });
    expect(delivered.find((alert) => alert.kind === 'quality_below_threshold')).toMatchObject({
      detail: { overall: 0.8, minQuality: 0.9 },
      delivery: { status: 'delivered', attempts: 3 },
    });

    // Each alert: two refused attempts, then one accepted; every attempt signed and carrying the alert id.
    for (const alert of delivered) {
      const attempts = receiver.requests.filter((r) => r.headers['x-ade-event-id'] === alert.id);
      expect(attempts.map((r) => r.status)).toEqual([503, 503, 200]);
      for (const attempt of attempts) {
        expect(attempt.headers['content-type']).toBe('application/json');
        expect(verifyWebhookSignature(secret, attempt.headers['x-ade-signature'] as string, attempt.body)).toBe(true);
        expect(verifyWebhookSignature('0'.repeat(64), attempt.headers['x-ade-signature'] as string, attempt.body)).toBe(false);
      }
      const body = JSON.parse(attempts[2]!.body);
      expect(body).toEqual({
        id: alert.id,
        type: 'alert',
        createdAt: alert.createdAt,
        tenantId: tenant.tenantId,
        alert: { id: alert.id, kind: alert.kind, table: QUALITY_TABLE, runId: alert.runId, pipelineId, userId: null, detail: alert.detail, createdAt: alert.createdAt },
      });
    }

    const deliveries = (await get('/v1/webhook/deliveries')).items;
    expect(deliveries).toHaveLength(3);
    expect(deliveries[0]).toMatchObject({ status: 'delivered', attempts: 3, alert: { table: QUALITY_TABLE } });
    expect((await get('/v1/quality/alerts')).items).toHaveLength(3);
  });

  it('creates no second alert or delivery for a re-delivered report', async () => {
    // The last delivery job may still be finishing after its row says delivered.
    const jobsBefore = await eventually(webhookJobs, webhooksIdle, { what: 'the webhook queue to be idle' });
    expect(jobsBefore).toMatchObject({ completed: 3, failed: 0 });
    const before = receiver.requests.length;
    // A later attempt of the same run, through the queue: the report is replaced, the alert found again.
    await send(measured(4, { rows: 3000, mean: 100 }, 2));
    expect((await get(`/v1/quality/runs/${runs[4]}`)).items[0]).toMatchObject({ attempt: 2, anomalies: [expect.objectContaining({ kind: 'volume' })] });
    // The very same event handled twice more, without the queue's de-duplication.
    const recorder = cp.app.get(QualityRecorder);
    await recorder.record(measured(5, { rows: 1000, mean: 200, overall: 0.8 }));
    await recorder.record(measured(5, { rows: 1000, mean: 200, overall: 0.8 }));
    // An older attempt arriving late changes nothing.
    await recorder.record(measured(4, { rows: 50, mean: 1 }, 1));
    expect((await get(`/v1/quality/runs/${runs[4]}`)).items[0]).toMatchObject({ attempt: 2, rows: { input: 3000 } });

    expect(await alertsOfTable()).toHaveLength(3);
    expect((await get('/v1/webhook/deliveries')).items).toHaveLength(3);
    // Deliveries are queued before record() returns: no job was added and none is left to run, so
    // no webhook can still be on its way.
    expect(await webhookJobs()).toEqual(jobsBefore);
    expect(receiver.requests.length).toBe(before);
    expect((await get('/v1/quality/trends?table=professional_claims')).points).toHaveLength(6);
  });

  it('alerts on a collapse of a table nobody set thresholds for: under the floor and a drop from the previous run', async () => {
    const fresh = await createTenant(cp);
    const freshPipeline = (await createPipeline(cp, fresh)).id;
    const first = await triggerRun(cp, fresh, freshPipeline);
    const second = await triggerRun(cp, fresh, freshPipeline);
    const ids = (runId: string) => ({ tenantId: fresh.tenantId, runId, pipelineId: freshPipeline });
    await events.send({ name: 'quality.measured', data: qualityMeasured(ids(first), new Date(base), { overall: 0.95 }) });
    await events.send({ name: 'quality.measured', data: qualityMeasured(ids(second), new Date(base + MINUTE), { overall: 0 }) });
    const read = (await cp.http().get('/v1/quality/alerts/professional_claims').set(as(fresh.admin.token)).expect(200)).body;
    expect(read.thresholds).toMatchObject({ source: 'default', minQuality: 0.5, maxDrop: 0.2, maxAnomaly: null });
    const kinds = (read.items as Array<{ runId: string; kind: string; detail: Record<string, number> }>).filter((alert) => alert.runId === second);
    expect(kinds.map((alert) => alert.kind).sort()).toEqual(['quality_below_threshold', 'quality_dropped']);
    expect(kinds.find((alert) => alert.kind === 'quality_dropped')!.detail).toEqual({ overall: 0, previousOverall: 0.95, drop: 0.95, maxDrop: 0.2 });
    expect(read.items.filter((alert: { runId: string }) => alert.runId === first)).toEqual([]);
  });

  it('records every attempt and ends failed when the receiver never accepts', async () => {
    const other = await createTenant(cp);
    const otherPipeline = (await createPipeline(cp, other)).id;
    const runId = await triggerRun(cp, other, otherPipeline);
    await cp.http().put('/v1/webhook').set(as(other.admin.token)).send({ url: receiver.url('/down') }).expect(200);
    await cp.http().put('/v1/quality/alerts/professional_claims').set(as(other.admin.token)).send({ minQuality: 0.99 }).expect(200);
    await send(qualityMeasured({ tenantId: other.tenantId, runId, pipelineId: otherPipeline }, new Date(), { overall: 0.95 }));

    const othersAlerts = await eventually(
      async () => (await cp.http().get('/v1/quality/alerts').set(as(other.admin.token)).expect(200)).body.items,
      (items: Array<Record<string, any>>) => items[0]?.delivery?.status === 'failed',
      { what: 'the delivery to give up' },
    );
    expect(othersAlerts).toHaveLength(1);
    const [alert] = othersAlerts;
    expect(alert).toMatchObject({
      kind: 'quality_below_threshold',
      detail: { overall: 0.95, minQuality: 0.99 },
      delivery: { status: 'failed', attempts: 4, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null, deliveredAt: null },
    });
    expect(receiver.requests.filter((r) => r.path === '/down')).toHaveLength(4);
    // The first tenant's alerts are not the other's, and the other's are not the first's.
    const own = (await get('/v1/quality/alerts')).items as Array<{ runId: string }>;
    expect(own).toHaveLength(3);
    expect(own.every((a) => runs.includes(a.runId))).toBe(true);
  });
});

import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULED_RUN_JOB, SCHEDULES_QUEUE } from '@ade/contracts';
import { eventually, testRedisUrl } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';
import { as, createPipeline } from './run-flow';

describe('pipeline schedules', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;
  let schedules: Queue;

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'schedules' });
    tenant = await createTenant(cp);
    schedules = new Queue(SCHEDULES_QUEUE, { connection: { url: testRedisUrl }, prefix: cp.config.queue.prefix });
  });
  afterAll(async () => {
    await schedules?.close();
    await cp?.close();
  });

  it('keeps one job scheduler per scheduled pipeline, following updates and deletion', async () => {
    const pipeline = await createPipeline(cp, tenant, { schedule: '0 6 * * *' });
    const schedulerId = `pipeline.${pipeline.id}`;
    expect(await schedules.getJobScheduler(schedulerId)).toMatchObject({ pattern: '0 6 * * *', tz: 'UTC' });

    await cp.http().patch(`/v1/pipelines/${pipeline.id}`).set(as(tenant.admin.token)).send({ schedule: '30 2 * * 1' }).expect(200);
    expect(await schedules.getJobScheduler(schedulerId)).toMatchObject({ pattern: '30 2 * * 1' });
    expect(await schedules.getJobSchedulersCount()).toBe(1);

    await cp.http().patch(`/v1/pipelines/${pipeline.id}`).set(as(tenant.admin.token)).send({ schedule: null }).expect(200);
    expect(await schedules.getJobScheduler(schedulerId)).toBeUndefined();

    await cp.http().patch(`/v1/pipelines/${pipeline.id}`).set(as(tenant.admin.token)).send({ schedule: '0 * * * *' }).expect(200);
    await cp.http().delete(`/v1/pipelines/${pipeline.id}`).set(as(tenant.admin.token)).expect(204);
    expect(await schedules.getJobScheduler(schedulerId)).toBeUndefined();
  });

  it('turns a fired schedule into a run triggered by the schedule', async () => {
    const pipeline = await createPipeline(cp, tenant, { schedule: '0 6 * * *' });
    await schedules.add(SCHEDULED_RUN_JOB, { tenantId: tenant.tenantId, pipelineId: pipeline.id });
    const runs = await eventually(
      async () => (await cp.http().get(`/v1/pipelines/${pipeline.id}/runs`).set(as(tenant.admin.token))).body.items,
      (items: unknown[]) => items.length === 1,
      { what: 'the scheduled run' },
    );
    expect(runs[0]).toMatchObject({ status: 'queued', trigger: 'schedule', pipelineName: pipeline.name });
  });
});

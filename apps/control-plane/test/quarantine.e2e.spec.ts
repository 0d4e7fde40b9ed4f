import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_QUEUE, eventJobId, tenantQueueName, type EventData, type ExpectationResult } from '@ade/contracts';
import { testRedisUrl } from '@ade/testing';
import { QuarantineCountsRepository } from '../src/quarantine/quarantine-counts.repository';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, tokenFor, type TenantFixture } from './factories';
import { as, createPipeline, triggerRun } from './run-flow';
import { workerEvents, type EventSender } from './worker-events';
import { openedJob } from './queued-jobs';

const TABLE = 'healthcare_data.silver.professional_claims';

const expectation = (id: string, action: ExpectationResult['action'], failed: number): ExpectationResult => ({
  id,
  rule: id.split(':')[0]!,
  family: 'code_validity',
  dimension: 'validity',
  action,
  column: id.split(':')[1] ?? null,
  failed,
  samples: [],
});

describe('quarantine counts and releases', () => {
  let cp: ControlPlaneHarness;
  let events: EventSender;
  let tenant: TenantFixture;
  let viewerToken: string;
  let pipeline: { id: string; name: string; targetTable: string };
  let runId: string;

  const measured = (run: string, quarantined: number, expectations: ExpectationResult[], attempt = 1): EventData<'quality.measured'> => ({
    tenantId: tenant.tenantId,
    runId: run,
    attempt,
    at: new Date().toISOString(),
    pipelineId: pipeline.id,
    report: {
      table: TABLE,
      rows: { input: 100, silver: 100 - quarantined, quarantined, warned: 5, repaired: 0 },
      scores: { completeness: 1, validity: 0.9, uniqueness: 1, consistency: 1, overall: 0.95 },
      expectations,
      repairs: [],
      profile: { nullRates: {}, amounts: {}, providers: { distinct: 3, new: 0 }, newestServiceYear: null },
    },
  });
  const released = (releaseId: string, byRule: Array<{ rule: string; released: number }>, examined: number): EventData<'quarantine.released'> => ({
    tenantId: tenant.tenantId,
    at: new Date().toISOString(),
    releaseId,
    pipelineId: pipeline.id,
    table: TABLE,
    examined,
    released: byRule.reduce((sum, r) => sum + r.released, 0),
    byRule,
  });
  const summary = async (token = tenant.admin.token, table = 'professional_claims') =>
    (await cp.http().get(`/v1/quality/quarantine?table=${table}`).set(as(token)).expect(200)).body;
  const requestRelease = (body: Record<string, unknown>, token = tenant.admin.token) =>
    cp.http().post('/v1/quality/quarantine/release').set(as(token)).send(body);
  const getRelease = async (id: string, token = tenant.admin.token) =>
    (await cp.http().get(`/v1/quality/quarantine/releases/${id}`).set(as(token)).expect(200)).body;

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'quarantine' });
    events = workerEvents(cp);
    tenant = await createTenant(cp);
    const viewer = { email: `viewer@${tenant.slug}.test`, password: 'viewer-password-1' };
    await cp.http().post('/v1/users').set(as(tenant.admin.token)).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
    viewerToken = await tokenFor(cp, viewer.email, viewer.password);
    pipeline = await createPipeline(cp, tenant, { targetTable: TABLE, options: { state: 'OH' } });
    runId = await triggerRun(cp, tenant, pipeline.id);
    await events.send({
      name: 'quality.measured',
      data: measured(runId, 7, [
        expectation('npi.check_digit:billing_npi', 'drop', 4),
        expectation('npi.check_digit:rendering_npi', 'drop', 2),
        expectation('icd10.valid:diagnosis_code_1', 'drop', 3),
        expectation('amount.paid_le_allowed', 'warn', 5),
        expectation('date.not_future:service_date_from', 'drop', 0),
        // A tenant's own SQL expectation is its own rule.
        { ...expectation('custom.high_paid', 'drop', 1), rule: 'custom', family: 'custom' },
      ]),
    });
  });
  afterAll(async () => {
    await events?.close();
    await cp?.close();
  });

  it('counts quarantined rows by drop rule, with the distinct row total', async () => {
    expect(await summary()).toEqual({
      table: TABLE,
      total: { quarantined: 7, released: 0, pending: 7 },
      rules: [
        { rule: 'npi.check_digit', quarantined: 6, released: 0, pending: 6 },
        { rule: 'icd10.valid', quarantined: 3, released: 0, pending: 3 },
        { rule: 'custom.high_paid', quarantined: 1, released: 0, pending: 1 },
      ],
      releases: [],
    });
    expect((await summary(viewerToken, TABLE)).total.quarantined).toBe(7);
  });

  it('keeps one count per run: re-delivery changes nothing, a later attempt replaces it', async () => {
    const run = await triggerRun(cp, tenant, pipeline.id);
    const counts = cp.app.get(QuarantineCountsRepository);
    const first = measured(run, 2, [expectation('npi.check_digit:billing_npi', 'drop', 1), expectation('icd10.valid:diagnosis_code_1', 'drop', 1)]);
    await counts.record(first);
    await counts.record(first);
    expect((await summary()).total.quarantined).toBe(9);
    await events.send({ name: 'quality.measured', data: measured(run, 1, [expectation('npi.check_digit:billing_npi', 'drop', 1)], 2) });
    await counts.record(first); // the first attempt's report, late: ignored
    const now = await summary();
    expect(now.total.quarantined).toBe(8);
    expect(now.rules).toEqual([
      { rule: 'npi.check_digit', quarantined: 7, released: 0, pending: 7 },
      { rule: 'icd10.valid', quarantined: 3, released: 0, pending: 3 },
      { rule: 'custom.high_paid', quarantined: 1, released: 0, pending: 1 },
    ]);
  });

  it('queues a quality.release job, and a quarantine.released event settles it', async () => {
    const response = await requestRelease({ table: 'professional_claims', rules: ['npi.check_digit', 'npi.check_digit'], runId }).expect(202);
    expect(response.body).toEqual({ releaseId: expect.any(String), status: 'queued' });
    const { releaseId } = response.body;

    const queue = new Queue(tenantQueueName(tenant.tenantId), { connection: { url: testRedisUrl }, prefix: cp.config.queue.prefix });
    try {
      const job = (await queue.getJob(releaseId))!;
      expect(job.name).toBe('quality.release');
      expect(openedJob(cp, job)).toEqual({
        tenantId: tenant.tenantId,
        releaseId,
        pipelineId: pipeline.id,
        catalogName: 'healthcare_data',
        engine: 'embedded',
        pipeline: {
          name: pipeline.name,
          dataType: 'professional_claims',
          targetTable: TABLE,
          source: { path: 'claims.csv', format: 'csv', options: { state: 'OH' } },
          quality: { expectations: [] },
        },
        filter: { rules: ['npi.check_digit'], runId },
      });
      expect(job.opts.attempts).toBe(cp.config.runs.maxAttempts);
      // The same definition a run of the pipeline carries.
      expect(job.data.pipeline).toEqual((await queue.getJob(runId))!.data.pipeline);
    } finally {
      await queue.close();
    }
    expect(await getRelease(releaseId, viewerToken)).toMatchObject({ id: releaseId, status: 'queued', table: TABLE, examined: 0, released: 0, error: null, finishedAt: null });

    // The worker reports released rows by the expectation id that had quarantined them.
    const byExpectation = [
      { rule: 'npi.check_digit:billing_npi', released: 3 },
      { rule: 'npi.check_digit:rendering_npi', released: 2 },
    ];
    await events.send({ name: 'quarantine.released', data: released(releaseId, byExpectation, 6) });
    const done = await getRelease(releaseId);
    expect(done).toMatchObject({
      status: 'succeeded',
      pipelineId: pipeline.id,
      filter: { rules: ['npi.check_digit'], runId },
      examined: 6,
      released: 5,
      byRule: byExpectation,
      error: null,
    });
    expect(done.finishedAt).not.toBeNull();

    // A failure reported afterwards does not undo a success.
    await events.send({ name: 'quarantine.release_failed', data: { tenantId: tenant.tenantId, at: new Date().toISOString(), releaseId, error: { code: 'transient', message: 'm' } } });
    expect(await getRelease(releaseId)).toMatchObject({ status: 'succeeded', released: 5, error: null });

    const after = await summary();
    expect(after.total).toEqual({ quarantined: 8, released: 5, pending: 3 });
    expect(after.rules).toEqual([
      { rule: 'npi.check_digit', quarantined: 7, released: 5, pending: 2 },
      { rule: 'icd10.valid', quarantined: 3, released: 0, pending: 3 },
      { rule: 'custom.high_paid', quarantined: 1, released: 0, pending: 1 },
    ]);
    expect(after.releases.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[releaseId, 'succeeded']]);
  });

  it('keeps a succeeded release as it is when a second success or a failure arrives later', async () => {
    // A tenant of its own, so the tallies the other tests check stay as they are.
    const own = await createTenant(cp);
    const ownPipeline = await createPipeline(cp, own, { targetTable: TABLE });
    const { releaseId } = (await requestRelease({ table: 'professional_claims', rules: ['icd10.valid'] }, own.admin.token).expect(202)).body;
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    const outcome = (examined: number, count: number, at: string): EventData<'quarantine.released'> => ({
      ...released(releaseId, [{ rule: 'icd10.valid:diagnosis_code_1', released: count }], examined),
      tenantId: own.tenantId,
      pipelineId: ownPipeline.id,
      at,
    });
    const first = outcome(3, 2, later(1));
    await events.send({ name: 'quarantine.released', data: first });
    const settled = await getRelease(releaseId, own.admin.token);
    expect(settled).toMatchObject({ status: 'succeeded', examined: 3, released: 2, byRule: first.byRule, error: null, finishedAt: first.at });
    const tally = await summary(own.admin.token);
    expect(tally.total).toEqual({ quarantined: 0, released: 2, pending: 0 });

    // At-least-once delivery: the worker's success may be delivered again, with other figures and a
    // later time (a retried job that ran twice). The queue drops an event whose job it still holds,
    // so forget the first one, as removeOnComplete eventually does, for the second to be processed.
    const queue = new Queue(EVENTS_QUEUE, { connection: { url: testRedisUrl }, prefix: cp.config.queue.prefix });
    try {
      const jobId = eventJobId({ name: 'quarantine.released', data: first });
      await queue.remove(jobId);
      const second = outcome(9, 3, later(2));
      await events.send({ name: 'quarantine.released', data: second });
      expect((await queue.getJob(jobId))!.data).toMatchObject({ examined: 9, released: 3, at: second.at }); // processed, not dropped
      await events.send({
        name: 'quarantine.release_failed',
        data: { tenantId: own.tenantId, at: later(3), releaseId, error: { code: 'catalog_unavailable', message: 'late failure' } },
      });
    } finally {
      await queue.close();
    }

    expect(await getRelease(releaseId, own.admin.token)).toEqual(settled);
    expect(await summary(own.admin.token)).toEqual(tally);
  });

  it('records a failed release with its error', async () => {
    const { releaseId } = (await requestRelease({ table: TABLE }).expect(202)).body;
    await events.send({
      name: 'quarantine.release_failed',
      data: { tenantId: tenant.tenantId, at: new Date().toISOString(), releaseId, error: { code: 'catalog_unavailable', message: 'catalog is locked by another process' } },
    });
    expect(await getRelease(releaseId)).toMatchObject({ status: 'failed', filter: {}, error: { code: 'catalog_unavailable', message: 'catalog is locked by another process' } });
    expect((await summary()).total.released).toBe(5);
  });

  it('names the field at fault', async () => {
    const fieldOf = async (body: Record<string, unknown>) => (await requestRelease(body).expect(400)).body.fields.map((f: { field: string }) => f.field);
    expect(await fieldOf({})).toContain('table');
    expect(await fieldOf({ table: 'professional_claims', runId: 'not-a-uuid' })).toContain('runId');
    expect(await fieldOf({ table: 'professional_claims', rules: [] })).toContain('rules');
    expect(await fieldOf({ table: 'professional_claims', owner: 'x' })).toContain('(request)');
    expect(await fieldOf({ table: 'Professional Claims' })).toEqual(['table']);
    expect(await fieldOf({ table: 'bronze.professional_claims' })).toEqual(['table']);

    // Two pipelines write the same table: which one must be said.
    const a = await createPipeline(cp, tenant, { targetTable: 'healthcare_data.silver.shared_claims' });
    await createPipeline(cp, tenant, { targetTable: 'healthcare_data.silver.shared_claims', sourcePath: 'more.csv' });
    const ambiguous = await requestRelease({ table: 'shared_claims' }).expect(400);
    expect(ambiguous.body.fields).toEqual([{ field: 'pipelineId', message: expect.stringContaining('2 pipelines write healthcare_data.silver.shared_claims') }]);
    await requestRelease({ table: 'shared_claims', pipelineId: a.id }).expect(202);
    expect(await fieldOf({ table: 'professional_claims', pipelineId: a.id })).toEqual(['pipelineId']);
    expect(await fieldOf({ table: 'shared_claims', pipelineId: a.id, runId })).toEqual(['runId']);

    const none = await requestRelease({ table: 'nobody_writes_this' }).expect(404);
    expect(none.body).toEqual({ error: 'not_found', message: 'no pipeline writes healthcare_data.silver.nobody_writes_this' });
  });

  it('lets a viewer read but not release', async () => {
    const forbidden = await requestRelease({ table: 'professional_claims' }, viewerToken).expect(403);
    expect(forbidden.body.error).toBe('forbidden');
    expect((await summary(viewerToken)).releases.length).toBeGreaterThan(0);
  });

  it("isolates tenants: another tenant's release, pipeline, run and catalog are 404, and its events change nothing", async () => {
    const other = await createTenant(cp);
    const { releaseId } = (await requestRelease({ table: TABLE }).expect(202)).body;
    await cp.http().get(`/v1/quality/quarantine/releases/${releaseId}`).set(as(other.admin.token)).expect(404);
    await cp.http().get('/v1/quality/quarantine/releases/not-a-uuid').set(as(tenant.admin.token)).expect(404);
    expect((await requestRelease({ table: TABLE, pipelineId: pipeline.id }, other.admin.token).expect(404)).body.message).toBe('pipeline not found');
    const otherPipeline = await createPipeline(cp, other, { targetTable: TABLE });
    expect((await requestRelease({ table: TABLE, runId }, other.admin.token).expect(404)).body.message).toBe('run not found');
    expect(otherPipeline.id).not.toBe(pipeline.id);
    expect(await summary(other.admin.token)).toEqual({ table: TABLE, total: { quarantined: 0, released: 0, pending: 0 }, rules: [], releases: [] });

    // Events naming the other tenant, about this tenant's release and run, are not applied.
    await events.send({ name: 'quarantine.released', data: { ...released(releaseId, [{ rule: 'icd10.valid', released: 3 }], 3), tenantId: other.tenantId } });
    await events.send({ name: 'quality.measured', data: { ...measured(runId, 50, [expectation('npi.check_digit:billing_npi', 'drop', 50)], 9), tenantId: other.tenantId } });
    expect(await getRelease(releaseId)).toMatchObject({ status: 'queued', released: 0 });
    expect((await summary()).total).toEqual({ quarantined: 8, released: 5, pending: 3 });
    expect((await summary(other.admin.token)).total.quarantined).toBe(0);

    const elsewhere = await createTenant(cp, { catalogName: 'elsewhere' });
    await cp.http().get('/v1/quality/quarantine?table=elsewhere.silver.professional_claims').set(as(tenant.admin.token)).expect(404);
    await requestRelease({ table: TABLE }, elsewhere.admin.token).expect(404);
  });
});

import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantQueueName, type ExpectationResult } from '@ade/contracts';
import { eventually, makeTempDir, testRedisUrl } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, type TenantFixture } from '../../control-plane/test/factories';
import { as, createPipeline, triggerRun } from '../../control-plane/test/run-flow';
import { workerEvents, type EventSender } from '../../control-plane/test/worker-events';
import { cliRunner } from './cli-harness';

const C = 'healthcare_data';
const TABLE = `${C}.silver.professional_claims`;

const drop = (id: string, failed: number): ExpectationResult => ({
  id,
  rule: id.split(':')[0]!,
  family: 'code_validity',
  dimension: 'validity',
  action: 'drop',
  column: id.split(':')[1] ?? null,
  failed,
  samples: ['9999999999'],
});

/** The control plane with the worker's part played by the test: events sent, release jobs read. */
describe('ade quality quarantine, ade quality release, ade lineage', () => {
  let cp: ControlPlaneHarness;
  let events: EventSender;
  let tenantQueue: Queue;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let pipeline: { id: string; name: string };
  let runId: string;
  let apiUrl: string;
  let ade: ReturnType<typeof cliRunner>;

  /** The next release job the control plane queues, as a worker would take it. */
  const seen = new Set<string>();
  async function nextReleaseJob() {
    const job = await eventually(
      async () => (await tenantQueue.getJobs(['waiting'])).find((j) => j.name === 'quality.release' && !seen.has(j.id!)),
      (found) => found !== undefined,
      { what: 'a quality.release job' },
    );
    seen.add(job!.id!);
    return job!.data as { releaseId: string; pipelineId: string; filter: { rules?: string[]; runId?: string } };
  }

  beforeAll(async () => {
    dirs = await makeTempDir('cli-quality');
    cp = await startControlPlane({ label: 'cli_quality' });
    await cp.app.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    events = workerEvents(cp);
    tenant = await createTenant(cp);
    tenantQueue = new Queue(tenantQueueName(tenant.tenantId), { connection: { url: testRedisUrl }, prefix: cp.config.queue.prefix });
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'cli'), ADE_PASSWORD: tenant.admin.password });
    expect((await ade('login', '--email', tenant.admin.email)).code).toBe(0);

    pipeline = await createPipeline(cp, tenant, { name: 'claims', targetTable: TABLE });
    runId = await triggerRun(cp, tenant, pipeline.id);
    const at = new Date().toISOString();
    await events.send({
      name: 'lineage.recorded',
      data: {
        tenantId: tenant.tenantId,
        runId,
        attempt: 1,
        at,
        pipelineId: pipeline.id,
        edges: [
          { source: { kind: 'file', name: 'claims/2026-03.csv' }, target: `${C}.bronze.professional_claims`, rows: 10 },
          { source: { kind: 'table', name: `${C}.bronze.professional_claims` }, target: TABLE, rows: 7 },
          { source: { kind: 'table', name: `${C}.bronze.professional_claims` }, target: `${TABLE}_quarantine`, rows: 3 },
        ],
      },
    });
    await events.send({
      name: 'quality.measured',
      data: {
        tenantId: tenant.tenantId,
        runId,
        attempt: 1,
        at,
        pipelineId: pipeline.id,
        report: {
          table: TABLE,
          rows: { input: 10, silver: 7, quarantined: 3, warned: 0, repaired: 0 },
          scores: { completeness: 1, validity: 0.7, uniqueness: 1, consistency: 1, overall: 0.92 },
          expectations: [drop('npi.check_digit:billing_npi', 2), drop('icd10.valid:diagnosis_code_1', 2)],
          repairs: [],
          profile: { nullRates: {}, amounts: {}, providers: { distinct: 1, new: 0 }, newestServiceYear: null },
        },
      },
    });
  });
  afterAll(async () => {
    await tenantQueue?.close();
    await events?.close();
    await cp?.close();
    await dirs?.cleanup();
  });

  it('prints the lineage edges as source → target, rows and run', async () => {
    const result = await ade('lineage', 'professional_claims');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')).toEqual([
      `Lineage of ${TABLE} (3 edges from 1 run(s), newest first)`,
      expect.stringMatching(/^SOURCE → TARGET\s+ROWS\s+RUN$/),
      expect.stringMatching(new RegExp(`^claims/2026-03\\.csv → ${C}\\.bronze\\.professional_claims\\s+10\\s+${runId}$`)),
      expect.stringMatching(new RegExp(`^${C}\\.bronze\\.professional_claims → ${TABLE}\\s+7\\s+${runId}$`)),
      expect.stringMatching(new RegExp(`^${C}\\.bronze\\.professional_claims → ${TABLE}_quarantine\\s+3\\s+${runId}$`)),
      '',
    ]);
    const json = JSON.parse((await ade('lineage', `${C}.bronze.professional_claims`, '--json')).stdout);
    expect(json).toMatchObject({ table: `${C}.bronze.professional_claims` });
    expect(json.edges).toHaveLength(3);
    expect((await ade('lineage', 'gold.nothing_yet')).stdout).toBe(`No lineage recorded for ${C}.gold.nothing_yet.\n`);
    expect((await ade('lineage', 'professional_claims', '--limit', '0')).code).toBe(2);
    expect((await ade('lineage')).code).toBe(2);
    expect(await ade('lineage', 'Not-A-Table')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ade: table: must be table, schema\.table or catalog\.schema\.table/) });
  });

  it('shows quarantined rows by rule', async () => {
    const result = await ade('quality', 'quarantine', 'professional_claims');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`${TABLE}: 3 rows quarantined, 0 released, 3 pending`);
    expect(lines.slice(2, 5)).toEqual([
      expect.stringMatching(/^RULE\s+QUARANTINED\s+RELEASED\s+PENDING$/),
      expect.stringMatching(/^icd10\.valid\s+2\s+0\s+2$/),
      expect.stringMatching(/^npi\.check_digit\s+2\s+0\s+2$/),
    ]);
    expect((await ade('quality', 'quarantine', 'nothing_here')).stdout).toBe(`No quarantined rows recorded for ${C}.silver.nothing_here.\n`);
  });

  it('releases with --wait and prints what was released', async () => {
    const pending = ade('quality', 'release', 'professional_claims', '--rule', 'npi.check_digit', '--run', runId, '--wait');
    const job = await nextReleaseJob();
    expect(job).toMatchObject({ pipelineId: pipeline.id, filter: { rules: ['npi.check_digit'], runId } });
    await events.send({
      name: 'quarantine.released',
      data: {
        tenantId: tenant.tenantId,
        at: new Date().toISOString(),
        releaseId: job.releaseId,
        pipelineId: pipeline.id,
        table: TABLE,
        examined: 2,
        released: 2,
        byRule: [{ rule: 'npi.check_digit', released: 2 }],
      },
    });
    const result = await pending;
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')[0]).toBe(
      `Release ${job.releaseId} of ${TABLE} (rules npi.check_digit; run ${runId}) succeeded: released 2 of 2 examined rows`,
    );
    expect(result.stdout).toMatch(/ {2}npi\.check_digit\s+2\n/);

    const json = JSON.parse((await ade('quality', 'quarantine', 'professional_claims', '--json')).stdout);
    expect(json.total).toEqual({ quarantined: 3, released: 2, pending: 1 });
    expect(json.rules).toContainEqual({ rule: 'npi.check_digit', quarantined: 2, released: 2, pending: 0 });
    const human = (await ade('quality', 'quarantine', 'professional_claims')).stdout;
    expect(human).toContain('Recent releases:');
    expect(human).toMatch(new RegExp(`${job.releaseId}\\s+succeeded\\s+2\\s+2\\s+rules npi\\.check_digit; run ${runId}`));
  });

  it('queues without --wait, and exits 1 with the reason when a waited-for release fails', async () => {
    const queued = await ade('quality', 'release', TABLE, '--pipeline', 'claims', '--json');
    expect(queued.code).toBe(0);
    const view = JSON.parse(queued.stdout);
    expect(view).toMatchObject({ status: 'queued', table: TABLE, pipelineId: pipeline.id, filter: {} });
    seen.add(view.id);

    const pending = ade('quality', 'release', 'professional_claims', '--wait');
    const job = await nextReleaseJob();
    await events.send({
      name: 'quarantine.release_failed',
      data: { tenantId: tenant.tenantId, at: new Date().toISOString(), releaseId: job.releaseId, error: { code: 'catalog_unavailable', message: 'catalog is locked' } },
    });
    const failed = await pending;
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe(`Release ${job.releaseId} of ${TABLE} (all rules) failed\n`);
    expect(failed.stderr).toBe(`ade: release ${job.releaseId} failed: catalog_unavailable: catalog is locked\n`);
  });

  it("turns the API's refusals and bad usage into one line", async () => {
    expect(await ade('quality', 'release', 'nobody_writes_this')).toMatchObject({ code: 1, stderr: `ade: no pipeline writes ${C}.silver.nobody_writes_this\n` });
    expect(await ade('quality', 'release', 'professional_claims', '--run', 'nope')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ade: runId: /) });
    expect(await ade('quality', 'release', 'professional_claims', '--pipeline', 'no-such')).toMatchObject({ code: 1, stderr: "ade: no pipeline named 'no-such'; see `ade pipeline list`\n" });
    expect((await ade('quality', 'release', 'professional_claims', '--timeout', '5')).code).toBe(2);
    expect((await ade('quality', 'release', 'a', 'b')).code).toBe(2);
    expect((await ade('quality', 'quarantine')).code).toBe(2);

    const viewer = { email: `viewer@${tenant.slug}.test`, password: 'viewer-password-1' };
    await cp.http().post('/v1/users').set(as(tenant.admin.token)).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
    const asViewer = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'viewer'), ADE_PASSWORD: viewer.password });
    expect((await asViewer('login', '--email', viewer.email)).code).toBe(0);
    expect((await asViewer('quality', 'quarantine', 'professional_claims')).code).toBe(0);
    expect(await asViewer('quality', 'release', 'professional_claims')).toMatchObject({ code: 1, stderr: 'ade: requires role tenant_admin\n' });
  });
});

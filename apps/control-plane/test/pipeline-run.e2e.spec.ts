import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantQueueName } from '@ade/contracts';
import type { TenantCatalog } from '@ade/lakehouse';
import { dropQueuePrefix, eventually, makeTempDir, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { startWorker, type WorkerHarness } from '../../data-plane-worker/test/worker.harness';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';
import { createPipeline, land, triggerRun, waitForCatalogReady, waitForRunEnd } from './run-flow';

const CLAIMS = ['claim_id,member_id,billing_npi,paid_amount', 'C1,M1,1234567893,10.00', 'C2,M2,1234567893,20.50', 'C3,M3,1234567893,0.00'].join('\n');

describe('a pipeline run, end to end (control plane → BullMQ → worker → DuckDB)', () => {
  const queuePrefix = uniqueQueuePrefix('run-e2e');
  let cp: ControlPlaneHarness;
  let worker: WorkerHarness;
  let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;

  beforeAll(async () => {
    dataDir = await makeTempDir('run-e2e');
    cp = await startControlPlane({ queuePrefix, label: 'run_e2e' });
    worker = await startWorker({ queuePrefix, dataDir: dataDir.path });
    tenant = await createTenant(cp);
    await waitForCatalogReady(cp, tenant);
  });
  afterAll(async () => {
    await worker?.close();
    await cp?.close();
    await dropQueuePrefix(queuePrefix);
    await dataDir?.cleanup();
  });

  const withCatalog = async <T>(work: (catalog: TenantCatalog) => Promise<T>): Promise<T> => {
    const catalog = await worker.lakehouse.open({ tenantId: tenant.tenantId, catalogName: tenant.catalogName });
    try {
      return await work(catalog);
    } finally {
      await catalog.close();
    }
  };
  const bronzeRows = (table: string) =>
    withCatalog((catalog) =>
      catalog.query<{ claim_id: string; _run_id: string; _source_file: string }>(`SELECT claim_id, _run_id, _source_file FROM ${table} ORDER BY claim_id`),
    );

  it('lands the source file in bronze and reports succeeded with the row count', async () => {
    await land(dataDir.path, tenant.tenantId, 'inbound/claims.csv', CLAIMS);
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'inbound/claims.csv', targetTable: 'healthcare_data.silver.claims' });
    const runId = await triggerRun(cp, tenant, pipeline.id);
    const run = await waitForRunEnd(cp, tenant, runId);
    expect(run).toMatchObject({
      status: 'succeeded',
      attempt: 1,
      bronzeTable: 'healthcare_data.bronze.claims',
      counts: { rowsLoaded: 3, filesLoaded: 1, filesSkipped: 0, filesQuarantined: 0 },
      error: null,
    });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    const rows = await bronzeRows('healthcare_data.bronze.claims');
    expect(rows).toEqual(['C1', 'C2', 'C3'].map((claim_id) => ({ claim_id, _run_id: runId, _source_file: 'inbound/claims.csv' })));
  });

  it('fails a run whose source file is missing, with the reason, and creates no table', async () => {
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'inbound/missing.csv', targetTable: 'healthcare_data.silver.never_created' });
    const run = await waitForRunEnd(cp, tenant, await triggerRun(cp, tenant, pipeline.id));
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({ code: 'source_not_found', message: 'source file not found: inbound/missing.csv' });
    expect(run.attempt).toBe(1);
    const exists = await withCatalog((catalog) => catalog.tableExists({ catalog: 'healthcare_data', schema: 'bronze', table: 'never_created' }));
    expect(exists).toBe(false);
  });

  it('leaves exactly one copy of the rows when the same job is delivered again', async () => {
    await land(dataDir.path, tenant.tenantId, 'redelivery/claims.csv', CLAIMS);
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'redelivery/claims.csv', targetTable: 'healthcare_data.silver.redelivered' });
    const runId = await triggerRun(cp, tenant, pipeline.id);
    expect((await waitForRunEnd(cp, tenant, runId)).status).toBe('succeeded');

    // Re-deliver the identical job (same id, same payload), as an at-least-once queue may.
    const queue = new Queue(tenantQueueName(tenant.tenantId), { connection: { url: testRedisUrl }, prefix: queuePrefix });
    try {
      const original = (await queue.getJob(runId))!;
      const { name, data } = original;
      await original.remove();
      await queue.add(name, data, { jobId: runId });
      await eventually(async () => (await queue.getJob(runId))?.finishedOn, (finished) => finished !== undefined, { what: 'the re-delivered job' });
      expect(await (await queue.getJob(runId))!.isCompleted()).toBe(true);
    } finally {
      await queue.close();
    }
    const rows = await bronzeRows('healthcare_data.bronze.redelivered');
    expect(rows.map((r) => r.claim_id)).toEqual(['C1', 'C2', 'C3']);
    expect((await waitForRunEnd(cp, tenant, runId)).counts.rowsLoaded).toBe(3);
  });

  it('skips a file an earlier run already landed, so a second run adds nothing', async () => {
    await land(dataDir.path, tenant.tenantId, 'twice/claims.csv', CLAIMS);
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'twice', targetTable: 'healthcare_data.silver.twice' });
    const first = await waitForRunEnd(cp, tenant, await triggerRun(cp, tenant, pipeline.id));
    const second = await waitForRunEnd(cp, tenant, await triggerRun(cp, tenant, pipeline.id));
    expect(first.counts).toEqual({ rowsLoaded: 3, filesLoaded: 1, filesSkipped: 0, filesQuarantined: 0 });
    expect(second).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 0, filesLoaded: 0, filesSkipped: 1, filesQuarantined: 0 } });
    expect(await bronzeRows('healthcare_data.bronze.twice')).toHaveLength(3);
  });
});

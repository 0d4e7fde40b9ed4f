import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLakehouse } from '@ade/lakehouse';
import { dropQueuePrefix, eventually, makeTempDir, uniqueQueuePrefix } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, type TenantFixture } from '../../control-plane/test/factories';
import { createPipeline, getRun, triggerRun, waitForCatalogReady, waitForRunEnd } from '../../control-plane/test/run-flow';
import { spawnWorkerProcess, type WorkerProcess } from './worker-process';

const ROWS = 1_500_000;

async function writeLargeCsv(path: string, rows: number): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const out = createWriteStream(path);
  out.write('claim_id,member_id,billing_npi,paid_amount\n');
  for (let start = 0; start < rows; start += 10_000) {
    let chunk = '';
    for (let i = start; i < Math.min(rows, start + 10_000); i++) chunk += `C${i},M${i % 5000},1234567893,${(i % 997) + 0.25}\n`;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Crash safety of the bronze load: the pipelines target bronze, so no quality stage follows it. */
describe('a worker killed in the middle of a load', () => {
  const queuePrefix = uniqueQueuePrefix('crash');
  let cp: ControlPlaneHarness;
  let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  const workers: WorkerProcess[] = [];

  const startWorkerProcess = (env: Record<string, string> = {}) => {
    const worker = spawnWorkerProcess({
      ...env,
      QUEUE_PREFIX: queuePrefix,
      DATA_DIR: dataDir.path,
      WORKER_TENANTS: tenant.tenantId,
      // Short locks so the queue notices the dead worker's job within a couple of seconds.
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    dataDir = await makeTempDir('crash');
    cp = await startControlPlane({ queuePrefix, label: 'crash' });
    tenant = await createTenant(cp);
    await writeLargeCsv(join(dataDir.path, 'tenants', tenant.tenantId, 'landing', 'big', 'claims.csv'), ROWS);
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await cp?.close();
    await dropQueuePrefix(queuePrefix);
    await dataDir?.cleanup();
  });

  /** Kills the worker hard once the run is under way, and checks it really was mid-run. */
  const killWhileRunning = async (worker: WorkerProcess, runId: string) => {
    await eventually(() => getRun(cp, tenant, runId), (run) => run.status === 'running', { what: 'the run to start', intervalMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    worker.child.kill('SIGKILL');
    await worker.exited;
    expect((await getRun(cp, tenant, runId)).status).toBe('running');
  };

  it('loses nothing and doubles nothing once the job is picked up again', { timeout: 180_000 }, async () => {
    const first = startWorkerProcess();
    await waitForCatalogReady(cp, tenant);
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'big/claims.csv', targetTable: 'healthcare_data.bronze.big_claims' });
    const runId = await triggerRun(cp, tenant, pipeline.id);

    await killWhileRunning(first, runId);

    const second = startWorkerProcess();
    const run = await waitForRunEnd(cp, tenant, runId, 120_000);
    expect(run, second.output()).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: ROWS, filesLoaded: 1, filesSkipped: 0 } });

    second.child.kill('SIGTERM');
    await second.exited;
    const lakehouse = new DuckDbLakehouse({ dataDir: dataDir.path });
    const catalog = await lakehouse.open({ tenantId: tenant.tenantId, catalogName: tenant.catalogName });
    try {
      const [counts] = await catalog.query<{ total: string; distinct_claims: string }>(
        'SELECT count(*) AS total, count(DISTINCT claim_id) AS distinct_claims FROM healthcare_data.bronze.big_claims',
      );
      expect(counts).toEqual({ total: String(ROWS), distinct_claims: String(ROWS) });
    } finally {
      await catalog.close();
      await lakehouse.shutdown();
    }
  });

  it('fails the run with a reason once its job has been abandoned more often than allowed', { timeout: 180_000 }, async () => {
    const noRestarts = { WORKER_MAX_STALLED_COUNT: '0' };
    const first = startWorkerProcess(noRestarts);
    await waitForCatalogReady(cp, tenant);
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'big/claims.csv', targetTable: 'healthcare_data.bronze.abandoned' });
    const runId = await triggerRun(cp, tenant, pipeline.id);
    await killWhileRunning(first, runId);

    const second = startWorkerProcess(noRestarts);
    const run = await waitForRunEnd(cp, tenant, runId, 60_000);
    expect(run, second.output()).toMatchObject({
      status: 'failed',
      error: { code: 'internal', message: 'the workers processing this run stopped responding repeatedly (crashed or killed); trigger it again' },
    });
    // Shuts down on SIGTERM (Nest re-raises the signal after closing, hence no exit code).
    second.child.kill('SIGTERM');
    await second.exited;
    expect(second.child.signalCode).toBe('SIGTERM');
  });
});

import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFilePath, DuckDbLakehouse, type TenantCatalog, type UncommittedIngest } from '@ade/lakehouse';
import { dropQueuePrefix, eventually, makeTempDir, uniqueQueuePrefix } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, type TenantFixture } from '../../control-plane/test/factories';
import { createPipeline, getRun, triggerRun, waitForCatalogReady, waitForRunEnd } from '../../control-plane/test/run-flow';
import { spawnWorkerProcess, type WorkerProcess } from './worker-process';

const ROWS = 1_500_000;
const MIB = 1024 * 1024;

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

/** What the paused worker wrote to its marker file (see the worker's lakehouse/test-pause.ts). */
type PausedIngest = UncommittedIngest & { pid: number };

async function readMarker(path: string): Promise<PausedIngest | null> {
  // The worker writes the marker whole and renames it into place, so it is never read half-written.
  return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as PausedIngest) : null;
}

/**
 * Crash safety of the bronze load: the pipelines target bronze, so no quality stage follows it.
 * The first worker of each test runs with WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT, so it stops
 * inside the ingest transaction with every row and the checkpoint written and only COMMIT
 * missing, says so in a marker file, and is killed exactly there.
 */
describe('a worker killed in the middle of a load', () => {
  const queuePrefix = uniqueQueuePrefix('crash');
  let cp: ControlPlaneHarness;
  let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  const workers: WorkerProcess[] = [];
  let markers = 0;

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

  /** A worker whose ingests stop right before COMMIT and announce it in the returned marker file. */
  const startPausingWorkerProcess = (env: Record<string, string> = {}) => {
    const marker = join(dataDir.path, `paused-ingest-${++markers}.json`);
    return { worker: startWorkerProcess({ ...env, WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT: marker }), marker };
  };

  const catalogFile = () => catalogFilePath(dataDir.path, { tenantId: tenant.tenantId, catalogName: tenant.catalogName });

  /** A read-only look at a copy of the catalog as the killed worker left it, so the retry still meets the crashed file itself. */
  const inspectCopyOfCatalog = async <T>(look: (catalog: TenantCatalog) => Promise<T>): Promise<T> => {
    const copy = await makeTempDir('crash-copy');
    const locator = { tenantId: tenant.tenantId, catalogName: tenant.catalogName };
    const copied = catalogFilePath(copy.path, locator);
    await mkdir(join(copied, '..'), { recursive: true });
    await copyFile(catalogFile(), copied);
    if (existsSync(`${catalogFile()}.wal`)) await copyFile(`${catalogFile()}.wal`, `${copied}.wal`);
    const lakehouse = new DuckDbLakehouse({ dataDir: copy.path });
    try {
      const catalog = await lakehouse.open(locator);
      try {
        return await look(catalog);
      } finally {
        await catalog.close();
      }
    } finally {
      await lakehouse.shutdown();
      await copy.cleanup();
    }
  };

  /** What a killed ingest may have left visible: its table, its checkpoint, its schema version. */
  const leftoversOf = (catalog: TenantCatalog, pipelineId: string, runId: string, table: string) => {
    const system = `${catalog.name}._system`;
    return Promise.all([
      catalog.tableExists({ catalog: catalog.name, schema: 'bronze', table }),
      catalog.query(`SELECT run_id FROM ${system}.ingest_checkpoints WHERE pipeline_id = '${pipelineId}'`),
      catalog.query(`SELECT version FROM ${system}.schema_history WHERE run_id = '${runId}'`),
    ]);
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

  /**
   * Waits until the worker reports that it is inside the ingest transaction of this run with all
   * its rows written and uncommitted, and kills it hard right there (it is paused, so it is still
   * there). Fails if it never gets there or got there with anything else written.
   */
  const killInsideIngestTransaction = async (worker: WorkerProcess, marker: string, runId: string, table: string): Promise<void> => {
    const paused = await eventually(
      async () => {
        if (worker.child.exitCode !== null) throw new Error(`the worker exited (${worker.child.exitCode}) before pausing:\n${worker.output()}`);
        return readMarker(marker);
      },
      (found) => found !== null,
      { what: 'the worker to pause inside its ingest transaction', timeoutMs: 60_000, intervalMs: 20 },
    );
    worker.child.kill('SIGKILL');
    await worker.exited;
    expect(worker.child.signalCode).toBe('SIGKILL');
    // It was this worker, in this run's ingest, with every row of the file written and not committed.
    expect(paused).toEqual({ pid: worker.child.pid, runId, table, rows: ROWS });
    expect((await getRun(cp, tenant, runId)).status).toBe('running');
  };

  it('loses nothing and doubles nothing once the job is picked up again', { timeout: 180_000 }, async () => {
    const { worker: first, marker } = startPausingWorkerProcess();
    await waitForCatalogReady(cp, tenant);
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'big/claims.csv', targetTable: 'healthcare_data.bronze.big_claims' });
    const sizeBeforeRun = (await stat(catalogFile())).size;
    const runId = await triggerRun(cp, tenant, pipeline.id);

    await killInsideIngestTransaction(first, marker, runId, 'healthcare_data.bronze.big_claims');
    // Seen from outside the process: DuckDB had written the uncommitted rows into the catalog file.
    expect((await stat(catalogFile())).size - sizeBeforeRun).toBeGreaterThan(MIB);
    // ...and none of it counts: no table, no checkpoint, no schema version.
    expect(await inspectCopyOfCatalog((catalog) => leftoversOf(catalog, pipeline.id, runId, 'big_claims'))).toEqual([false, [], []]);

    const second = startWorkerProcess();
    const run = await waitForRunEnd(cp, tenant, runId, 120_000);
    expect(run, second.output()).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: ROWS, filesLoaded: 1, filesSkipped: 0 } });

    second.child.kill('SIGTERM');
    await second.exited;
    const lakehouse = new DuckDbLakehouse({ dataDir: dataDir.path });
    const catalog = await lakehouse.open({ tenantId: tenant.tenantId, catalogName: tenant.catalogName });
    try {
      const [counts] = await catalog.query<{ total: string; distinct_claims: string; runs: string }>(
        'SELECT count(*) AS total, count(DISTINCT claim_id) AS distinct_claims, count(DISTINCT _run_id) AS runs FROM healthcare_data.bronze.big_claims',
      );
      expect(counts).toEqual({ total: String(ROWS), distinct_claims: String(ROWS), runs: '1' });
      expect(await catalog.query(`SELECT run_id, row_count FROM healthcare_data._system.ingest_checkpoints WHERE pipeline_id = '${pipeline.id}'`)).toEqual([
        { run_id: runId, row_count: String(ROWS) },
      ]);
    } finally {
      await catalog.close();
      await lakehouse.shutdown();
    }
  });

  it('fails the run with a reason once its job has been abandoned more often than allowed', { timeout: 180_000 }, async () => {
    const noRestarts = { WORKER_MAX_STALLED_COUNT: '0' };
    const { worker: first, marker } = startPausingWorkerProcess(noRestarts);
    await waitForCatalogReady(cp, tenant);
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'big/claims.csv', targetTable: 'healthcare_data.bronze.abandoned' });
    const runId = await triggerRun(cp, tenant, pipeline.id);
    await killInsideIngestTransaction(first, marker, runId, 'healthcare_data.bronze.abandoned');

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
    // The abandoned run left nothing behind.
    expect(await inspectCopyOfCatalog((catalog) => leftoversOf(catalog, pipeline.id, runId, 'abandoned'))).toEqual([false, [], []]);
  });
});

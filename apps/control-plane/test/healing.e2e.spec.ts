import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFilePath } from '@ade/lakehouse';
import { dropQueuePrefix, eventually, makeTempDir, uniqueQueuePrefix } from '@ade/testing';
import { holdFileInOtherProcess, type FileHolder } from '../../../libs/lakehouse/test/duckdb/fixtures';
import { spawnWorkerProcess, type WorkerProcess } from '../../data-plane-worker/test/worker-process';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant } from './factories';
import { startPlatform, type PlatformHarness } from './platform.harness';
import { as, createPipeline, land, triggerRun, waitForCatalogReady, waitForRunEnd } from './run-flow';

const CLAIMS = ['claim_id,claim_line_number,paid_amount', 'C1,1,1.00', 'C2,1,2.00'].join('\n');

async function holdWhenFree(path: string): Promise<FileHolder> {
  return eventually(
    () => holdFileInOtherProcess(path).catch(() => null),
    (holder): holder is FileHolder => holder !== null,
    { what: 'the catalog file to be free', intervalMs: 50 },
  ) as Promise<FileHolder>;
}

describe('self-healing', () => {
  describe('a catalog that is transiently unavailable', () => {
    let platform: PlatformHarness;

    beforeAll(async () => {
      platform = await startPlatform('healing', {
        // The worker lets go of a catalog as soon as a job ends, so another process can hold it.
        workerEnv: { WORKER_CATALOG_IDLE_MS: '0' },
        cpEnv: { RUN_MAX_ATTEMPTS: '8', RUN_BACKOFF_MS: '200' },
      });
    });
    afterAll(() => platform?.close());

    it('retries with backoff until it is free, ends succeeded, and counts each failed attempt as a resolved incident', async () => {
      const { cp, tenant } = platform;
      await land(platform.dataDir, tenant.tenantId, 'locked/claims.csv', CLAIMS);
      const pipeline = await createPipeline(cp, tenant, { sourcePath: 'locked', targetTable: 'healthcare_data.silver.locked' });
      const holder = await holdWhenFree(catalogFilePath(platform.dataDir, { tenantId: tenant.tenantId, catalogName: tenant.catalogName }));
      const runId = await triggerRun(cp, tenant, pipeline.id);

      const incidentsOf = async () => (await cp.http().get(`/v1/pipelines/${pipeline.id}/incidents`).set(as(tenant.admin.token)).expect(200)).body;
      await eventually(incidentsOf, (body) => body.items.length >= 2, { what: 'two failed attempts', timeoutMs: 30_000 });
      await holder.release();

      const run = await waitForRunEnd(cp, tenant, runId);
      expect(run).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 2 } });
      const { items, summary } = await incidentsOf();
      expect(items).toHaveLength(run.attempt - 1);
      for (const incident of items) {
        expect(incident).toMatchObject({ runId, failureClass: 'transient', action: 'retry', outcome: 'resolved', error: { code: 'catalog_unavailable' } });
      }
      expect(summary).toMatchObject({ total: run.attempt - 1, resolved: run.attempt - 1, autoResolutionRate: 1 });
    });
  });

  describe('two workers racing on one pipeline', () => {
    const queuePrefix = uniqueQueuePrefix('race');
    let cp: ControlPlaneHarness;
    let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
    const workers: WorkerProcess[] = [];

    beforeAll(async () => {
      dataDir = await makeTempDir('race');
      cp = await startControlPlane({ queuePrefix, label: 'race', env: { RUN_MAX_ATTEMPTS: '10', RUN_BACKOFF_MS: '200' } });
    });
    afterAll(async () => {
      for (const worker of workers) worker.child.kill('SIGKILL');
      await cp?.close();
      await dropQueuePrefix(queuePrefix);
      await dataDir?.cleanup();
    });

    it('leaves exactly one copy of every row', { timeout: 120_000 }, async () => {
      const tenant = await createTenant(cp);
      for (let i = 0; i < 2; i++) {
        workers.push(
          spawnWorkerProcess({ QUEUE_PREFIX: queuePrefix, DATA_DIR: dataDir.path, WORKER_TENANTS: tenant.tenantId, WORKER_CATALOG_IDLE_MS: '0' }),
        );
      }
      await waitForCatalogReady(cp, tenant);
      for (const month of ['01', '02', '03']) {
        const lines = Array.from({ length: 1000 }, (_, i) => `C${month}-${i},1,${i}.00`).join('\n');
        await land(dataDir.path, tenant.tenantId, `race/2026-${month}.csv`, `claim_id,claim_line_number,paid_amount\n${lines}\n`);
      }
      const pipeline = await createPipeline(cp, tenant, { sourcePath: 'race', targetTable: 'healthcare_data.silver.raced' });
      const runIds = await Promise.all([1, 2, 3, 4].map(() => triggerRun(cp, tenant, pipeline.id)));
      const runs = await Promise.all(runIds.map((id) => waitForRunEnd(cp, tenant, id, 90_000)));

      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
      expect(runs.reduce((sum, r) => sum + r.counts.rowsLoaded, 0)).toBe(3000);
      expect(runs.reduce((sum, r) => sum + r.counts.filesLoaded, 0)).toBe(3);
      expect(runs.reduce((sum, r) => sum + r.counts.filesSkipped, 0)).toBe(9);
    });
  });
});

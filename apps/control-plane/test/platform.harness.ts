import { dropQueuePrefix, makeTempDir, uniqueQueuePrefix } from '@ade/testing';
import type { TenantCatalog } from '@ade/lakehouse';
import { startWorker, type WorkerHarness } from '../../data-plane-worker/test/worker.harness';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';
import { waitForCatalogReady } from './run-flow';

export interface PlatformHarness {
  cp: ControlPlaneHarness;
  worker: WorkerHarness;
  dataDir: string;
  tenant: TenantFixture;
  /** Runs work against the tenant's catalog through the worker's own lakehouse. */
  withCatalog<T>(work: (catalog: TenantCatalog) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Control plane, an in-process worker and one tenant with a ready catalog, all private to a suite. */
export async function startPlatform(label: string, options: { workerEnv?: Record<string, string>; cpEnv?: Record<string, string> } = {}): Promise<PlatformHarness> {
  const queuePrefix = uniqueQueuePrefix(label);
  const dir = await makeTempDir(label);
  const cp = await startControlPlane({ queuePrefix, label, env: options.cpEnv });
  const worker = await startWorker({ queuePrefix, dataDir: dir.path, env: options.workerEnv });
  return assemblePlatform({ cp, worker, dir, queuePrefix });
}

/** The platform around an already started control plane and worker: a tenant with a ready catalog. */
export async function assemblePlatform(parts: {
  cp: ControlPlaneHarness;
  worker: WorkerHarness;
  dir: { path: string; cleanup: () => Promise<void> };
  queuePrefix: string;
}): Promise<PlatformHarness> {
  const { cp, worker, dir, queuePrefix } = parts;
  const tenant = await createTenant(cp);
  await waitForCatalogReady(cp, tenant);
  return {
    cp,
    worker,
    dataDir: dir.path,
    tenant,
    withCatalog: async (work) => {
      const catalog = await worker.lakehouse.open({ tenantId: tenant.tenantId, catalogName: tenant.catalogName });
      try {
        return await work(catalog);
      } finally {
        await catalog.close();
      }
    },
    close: async () => {
      await worker.close();
      await cp.close();
      await dropQueuePrefix(queuePrefix);
      await dir.cleanup();
    },
  };
}

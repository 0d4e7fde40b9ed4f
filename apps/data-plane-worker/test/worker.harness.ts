import type { INestApplicationContext } from '@nestjs/common';
import { LAKEHOUSE, type Lakehouse } from '@ade/lakehouse';
import { testQueueSigningKeys, testRedisUrl } from '@ade/testing';
import { loadWorkerConfig } from '../src/config/worker.config';
import { createWorker } from '../src/create-worker';
import type { LakehouseSeams } from '../src/lakehouse/lakehouse.module';

export interface WorkerHarness {
  app: INestApplicationContext;
  lakehouse: Lakehouse;
  close: () => Promise<void>;
}

/** A real data-plane worker in this process, on the given queue prefix and data directory. */
export async function startWorker(options: { queuePrefix: string; dataDir: string; env?: Record<string, string>; seams?: LakehouseSeams }): Promise<WorkerHarness> {
  const config = loadWorkerConfig({
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: options.queuePrefix,
    DATA_DIR: options.dataDir,
    WORKER_TENANT_REFRESH_MS: '200',
    ...(options.env?.WORKER_TENANT_KEYS === undefined ? { QUEUE_SIGNING_KEYS: testQueueSigningKeys } : {}),
    ...options.env,
  });
  const app = await createWorker(config, false, options.seams);
  await app.init();
  return { app, lakehouse: app.get<Lakehouse>(LAKEHOUSE), close: () => app.close() };
}

import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { ConfigError } from '@ade/config';
import { RedisPolicyError } from '@ade/queue';
import { mallocArenaWarning } from './config/malloc-arenas';
import { loadWorkerConfig } from './config/worker.config';
import { createWorker } from './create-worker';
import { HandlerRegistrationError } from './jobs/job-handler.registry';
import { TenantWorkerPool } from './jobs/tenant-worker-pool';

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env);
  const arenaWarning = mallocArenaWarning(process.env);
  if (arenaWarning) process.stdout.write(`${JSON.stringify({ level: 'warn', context: 'main', message: arenaWarning })}\n`);
  const app = await createWorker(config, new ConsoleLogger({ json: true, colors: false }));
  await app.init();
  const served = app.get(TenantWorkerPool).servedTenants();
  process.stdout.write(
    `${JSON.stringify({ level: 'log', context: 'main', message: 'data-plane worker ready', tenants: config.worker.tenants, serving: served.length })}\n`,
  );
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof RedisPolicyError || error instanceof HandlerRegistrationError;
  process.stderr.write(`data-plane worker failed to start: ${known ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

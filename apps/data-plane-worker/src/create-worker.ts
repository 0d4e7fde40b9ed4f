import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataPlaneConfig } from './config/worker.config';
import type { LakehouseSeams } from './lakehouse/lakehouse.module';
import { WorkerModule } from './worker.module';

/** The worker as an application context (no HTTP); main.ts and the tests start it the same way. */
export async function createWorker(config: DataPlaneConfig, logger: LoggerService | false, seams: LakehouseSeams = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, seams), { logger });
  app.enableShutdownHooks();
  return app;
}

import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DuckDbLakehouse, LAKEHOUSE, type Lakehouse } from '@ade/lakehouse';
import { WorkerConfig } from '../config/worker.config';
import { testPauseBeforeIngestCommit } from './test-pause';

/** The embedded DuckDB engine is the default; a Databricks adapter plugs in behind the same token. */
@Global()
@Module({
  providers: [
    {
      provide: LAKEHOUSE,
      inject: [WorkerConfig],
      useFactory: (config: WorkerConfig): Lakehouse =>
        new DuckDbLakehouse({
          dataDir: config.dataDir,
          threads: config.duckdbThreads,
          memoryLimit: config.duckdbMemoryLimit,
          spillDir: config.duckdbSpillDir,
          idleCloseMs: config.catalogIdleMs,
          beforeIngestCommit: testPauseBeforeIngestCommit(config.testPauseBeforeIngestCommit),
        }),
    },
  ],
  exports: [LAKEHOUSE],
})
export class LakehouseModule implements OnApplicationShutdown {
  constructor(@Inject(LAKEHOUSE) private readonly lakehouse: Lakehouse) {}

  async onApplicationShutdown(): Promise<void> {
    await this.lakehouse.shutdown();
  }
}

import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { connectDatabricks, DuckDbLakehouse, LAKEHOUSE, type DatabricksSqlSettings, type Lakehouse, type SqlDriverClient } from '@ade/lakehouse';
import { WorkerConfig } from '../config/worker.config';
import { ControlPlaneEngineCredentials, EnvironmentEngineCredentials, type EngineCredentialsSource } from './engine-credentials';
import { EngineRouter } from './engine-router';
import { testPauseBeforeIngestCommit } from './test-pause';

/**
 * TEST SEAMS, never set in production: how the worker reaches a Databricks workspace's SQL
 * endpoint. Tests put a double of the driver here; unset, the real @databricks/sql driver connects.
 */
export interface LakehouseSeams {
  connectDatabricks?: (settings: DatabricksSqlSettings) => Promise<SqlDriverClient>;
}

/**
 * The catalog port of the worker: the embedded DuckDB engine by default, a tenant's Unity Catalog
 * when its jobs say the catalog is on Databricks (credentials fetched from the control plane).
 */
/** A dedicated worker with its own workspace in its environment uses it; every other worker asks the control plane. */
function engineCredentialsFor(config: WorkerConfig): EngineCredentialsSource {
  if (config.databricks && config.tenants !== 'all') return new EnvironmentEngineCredentials(config.databricks, config.tenants);
  return new ControlPlaneEngineCredentials(config.controlPlane);
}

@Global()
@Module({})
export class LakehouseModule implements OnApplicationShutdown {
  static forRoot(seams: LakehouseSeams = {}): DynamicModule {
    return {
      module: LakehouseModule,
      providers: [
        {
          provide: LAKEHOUSE,
          inject: [WorkerConfig],
          useFactory: (config: WorkerConfig): Lakehouse =>
            new EngineRouter({
              embedded: new DuckDbLakehouse({
                dataDir: config.dataDir,
                threads: config.duckdbThreads,
                memoryLimit: config.duckdbMemoryLimit,
                spillDir: config.duckdbSpillDir,
                idleCloseMs: config.catalogIdleMs,
                beforeIngestCommit: testPauseBeforeIngestCommit(config.testPauseBeforeIngestCommit),
              }),
              credentials: engineCredentialsFor(config),
              connect: seams.connectDatabricks ?? connectDatabricks,
            }),
        },
      ],
      exports: [LAKEHOUSE],
    };
  }

  constructor(@Inject(LAKEHOUSE) private readonly lakehouse: Lakehouse) {}

  async onApplicationShutdown(): Promise<void> {
    await this.lakehouse.shutdown();
  }
}

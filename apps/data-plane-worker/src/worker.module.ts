import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import type { ConnectionOptions } from 'bullmq';
import { EVENTS_QUEUE } from '@ade/contracts';
import { QueueConfig } from '@ade/config';
import { assertNoEvictionPolicy, createRedis, redisOptionsFromUrl, TenantRegistry } from '@ade/queue';
import { CatalogHealthHandler } from './catalog/catalog-health.handler';
import { WorkerConfig } from './config/worker.config';
import { CONNECTOR_CREDENTIALS, ControlPlaneCredentials } from './ingestion/connectors/connector-credentials';
import { ConnectorCheckHandler } from './ingestion/connectors/connector-check.handler';
import { LANDING_STORE, type LandingStore } from './ingestion/landing/landing-store';
import { LocalLandingStore } from './ingestion/landing/local-landing-store';
import { S3LandingStore } from './ingestion/landing/s3-landing-store';
import { CatalogProvisionHandler } from './catalog/catalog-provision.handler';
import { WorkerConfigModule } from './config/worker-config.module';
import type { DataPlaneConfig } from './config/worker.config';
import { EventPublisher } from './events/event-publisher';
import { TableExportHandler } from './exports/table-export.handler';
import { PipelineRunHandler } from './ingestion/pipeline-run.handler';
import { JobHandlerRegistry } from './jobs/job-handler.registry';
import { JobRunner } from './jobs/job-runner';
import { JobsInFlight } from './jobs/jobs-in-flight';
import { TenantWorkerPool } from './jobs/tenant-worker-pool';
import { LakehouseModule, type LakehouseSeams } from './lakehouse/lakehouse.module';
import { QualityAgent } from './quality/quality-agent';
import { QuarantineReleaseHandler } from './quality/quarantine-release.handler';

/** The worker's Redis client for non-blocking commands (registry, policy check). */
const WORKER_REDIS = Symbol('WorkerRedis');

/** Tenants' files on this disk, or in the object store LANDING_S3_URL names. */
function landingStoreFor(config: WorkerConfig): LandingStore {
  return config.landingS3 ? new S3LandingStore(config.landingS3) : new LocalLandingStore(config.dataDir);
}

/** The data plane: no controllers, no database; queues in, catalog writes and events out. */
@Module({})
export class WorkerModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(WORKER_REDIS) private readonly redis: Redis) {}

  static forRoot(config: DataPlaneConfig, seams: LakehouseSeams = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        WorkerConfigModule.forRoot(config),
        DiscoveryModule,
        LakehouseModule.forRoot(seams),
        BullModule.forRoot({
          connection: redisOptionsFromUrl(config.queue.redisUrl, 'worker') as ConnectionOptions,
          prefix: config.queue.prefix,
        }),
        BullModule.registerQueue({ name: EVENTS_QUEUE }),
      ],
      providers: [
        { provide: WORKER_REDIS, inject: [QueueConfig], useFactory: (queue: QueueConfig) => createRedis(queue.redisUrl, 'producer') },
        {
          provide: TenantRegistry,
          inject: [WORKER_REDIS, QueueConfig],
          useFactory: (redis: Redis, queue: QueueConfig) => new TenantRegistry(redis, queue.prefix),
        },
        { provide: LANDING_STORE, inject: [WorkerConfig], useFactory: landingStoreFor },
        { provide: CONNECTOR_CREDENTIALS, inject: [WorkerConfig], useFactory: (worker: WorkerConfig) => new ControlPlaneCredentials(worker.controlPlane) },
        EventPublisher,
        JobHandlerRegistry,
        JobRunner,
        // One per process: the operating system measures CPU per process.
        { provide: JobsInFlight, useFactory: () => new JobsInFlight() },
        TenantWorkerPool,
        CatalogProvisionHandler,
        CatalogHealthHandler,
        ConnectorCheckHandler,
        TableExportHandler,
        PipelineRunHandler,
        QualityAgent,
        QuarantineReleaseHandler,
      ],
      exports: [TenantWorkerPool],
    };
  }

  /** Refuse to start on a Redis that may evict queued jobs. */
  async onModuleInit(): Promise<void> {
    await assertNoEvictionPolicy(this.redis);
  }

  /** An open client would keep the process alive after SIGTERM. */
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

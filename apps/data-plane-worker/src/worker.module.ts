import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import type { ConnectionOptions } from 'bullmq';
import { EVENTS_QUEUE } from '@ade/contracts';
import { QueueConfig } from '@ade/config';
import { assertNoEvictionPolicy, createRedis, redisOptionsFromUrl, TenantRegistry } from '@ade/queue';
import { CatalogProvisionHandler } from './catalog/catalog-provision.handler';
import { WorkerConfigModule } from './config/worker-config.module';
import type { DataPlaneConfig } from './config/worker.config';
import { EventPublisher } from './events/event-publisher';
import { PipelineRunHandler } from './ingestion/pipeline-run.handler';
import { JobHandlerRegistry } from './jobs/job-handler.registry';
import { JobRunner } from './jobs/job-runner';
import { TenantWorkerPool } from './jobs/tenant-worker-pool';
import { LakehouseModule } from './lakehouse/lakehouse.module';

/** The data plane: no controllers, no database; queues in, catalog writes and events out. */
@Module({})
export class WorkerModule implements OnModuleInit {
  constructor(private readonly queueConfig: QueueConfig) {}

  static forRoot(config: DataPlaneConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        WorkerConfigModule.forRoot(config),
        DiscoveryModule,
        LakehouseModule,
        BullModule.forRoot({
          connection: redisOptionsFromUrl(config.queue.redisUrl, 'worker') as ConnectionOptions,
          prefix: config.queue.prefix,
        }),
        BullModule.registerQueue({ name: EVENTS_QUEUE }),
      ],
      providers: [
        {
          provide: TenantRegistry,
          inject: [QueueConfig],
          useFactory: (queue: QueueConfig) => new TenantRegistry(createRedis(queue.redisUrl, 'producer'), queue.prefix),
        },
        EventPublisher,
        JobHandlerRegistry,
        JobRunner,
        TenantWorkerPool,
        CatalogProvisionHandler,
        PipelineRunHandler,
      ],
      exports: [TenantWorkerPool],
    };
  }

  /** Refuse to start on a Redis that may evict queued jobs. */
  async onModuleInit(): Promise<void> {
    const redis = createRedis(this.queueConfig.redisUrl, 'producer');
    try {
      await assertNoEvictionPolicy(redis);
    } finally {
      redis.disconnect();
    }
  }
}

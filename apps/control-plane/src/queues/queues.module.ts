import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { ConnectionOptions } from 'bullmq';
import type Redis from 'ioredis';
import { BILLING_QUEUE, EVENTS_QUEUE, SCHEDULES_QUEUE } from '@ade/contracts';
import { QueueConfig } from '@ade/config';
import { assertNoEvictionPolicy, createRedis, QueueKeyring, redisOptionsFromUrl, TenantRegistry } from '@ade/queue';
import { DataPlaneConfig } from '../config/data-plane.config';
import { PRODUCER_REDIS } from './queue.tokens';
import { TenantQueues } from './tenant-queues';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [QueueConfig],
      useFactory: (config: QueueConfig) => ({
        // ioredis' option type is wider than BullMQ's declaration of it; the values are the same.
        connection: redisOptionsFromUrl(config.redisUrl, 'worker') as ConnectionOptions,
        prefix: config.prefix,
      }),
    }),
    BullModule.registerQueue({ name: EVENTS_QUEUE }, { name: SCHEDULES_QUEUE }, { name: BILLING_QUEUE }),
  ],
  providers: [
    { provide: PRODUCER_REDIS, inject: [QueueConfig], useFactory: (config: QueueConfig) => createRedis(config.redisUrl, 'producer') },
    {
      provide: TenantRegistry,
      inject: [PRODUCER_REDIS, QueueConfig],
      useFactory: (redis: Redis, config: QueueConfig) => new TenantRegistry(redis, config.prefix),
    },
    // Seals every job for its tenant and opens every worker event (QUEUE_SIGNING_KEYS).
    { provide: QueueKeyring, inject: [DataPlaneConfig], useFactory: (config: DataPlaneConfig) => QueueKeyring.fromSigningKeys(config.queueSigningKeys) },
    TenantQueues,
  ],
  exports: [BullModule, PRODUCER_REDIS, TenantRegistry, TenantQueues, QueueKeyring],
})
export class QueuesModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(PRODUCER_REDIS) private readonly redis: Redis) {}

  /** Refuse to start on a Redis that may evict queued jobs. */
  async onModuleInit(): Promise<void> {
    await assertNoEvictionPolicy(this.redis);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

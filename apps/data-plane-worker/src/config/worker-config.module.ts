import { Global, Module, type DynamicModule } from '@nestjs/common';
import { QueueConfig } from '@ade/config';
import { QueueKeyring } from '@ade/queue';
import { WorkerConfig, type DataPlaneConfig } from './worker.config';

@Global()
@Module({})
export class WorkerConfigModule {
  static forRoot(config: DataPlaneConfig): DynamicModule {
    const providers = [
      { provide: QueueConfig, useValue: config.queue },
      { provide: WorkerConfig, useValue: config.worker },
      { provide: QueueKeyring, useValue: config.keyring },
    ];
    return { module: WorkerConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}

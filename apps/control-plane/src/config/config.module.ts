import { Global, Module, type DynamicModule } from '@nestjs/common';
import { QueueConfig } from '@ade/config';
import {
  AuthConfig,
  CatalogDefaultsConfig,
  DatabaseConfig,
  HttpConfig,
  RunPolicyConfig,
  type ControlPlaneConfig,
} from './control-plane.config';
import { WebhookConfig } from './webhook.config';

/** Each config section is its own injectable class, so a service asks only for what it reads. */
@Global()
@Module({})
export class ControlPlaneConfigModule {
  static forRoot(config: ControlPlaneConfig): DynamicModule {
    const providers = [
      { provide: HttpConfig, useValue: config.http },
      { provide: DatabaseConfig, useValue: config.database },
      { provide: QueueConfig, useValue: config.queue },
      { provide: AuthConfig, useValue: config.auth },
      { provide: CatalogDefaultsConfig, useValue: config.catalog },
      { provide: RunPolicyConfig, useValue: config.runs },
      { provide: WebhookConfig, useValue: config.webhooks },
    ];
    return { module: ControlPlaneConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}

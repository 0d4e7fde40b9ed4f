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
import { SecretBox } from '../secrets/secret-box';
import { SecretsConfig } from './secrets.config';
import { HttpSecurityConfig, LoginThrottleConfig } from './http-security.config';
import { WebhookConfig } from './webhook.config';
import { RateLimitConfig } from './rate-limit.config';
import { AuthSessionsConfig } from './auth-sessions.config';
import { RetentionConfig } from './retention.config';
import { LandingConfig } from './landing.config';
import { DataPlaneConfig } from './data-plane.config';
import { BillingConfig } from './billing.config';

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
      { provide: HttpSecurityConfig, useValue: config.httpSecurity },
      { provide: LoginThrottleConfig, useValue: config.loginThrottle },
      { provide: SecretsConfig, useValue: config.secrets },
      { provide: RateLimitConfig, useValue: config.rateLimit },
      { provide: AuthSessionsConfig, useValue: config.authSessions },
      { provide: RetentionConfig, useValue: config.retention },
      { provide: LandingConfig, useValue: config.landing },
      { provide: DataPlaneConfig, useValue: config.dataPlane },
      { provide: BillingConfig, useValue: config.billing },
      // Encrypts secrets stored in the database (webhook signing secrets, connector credentials) under SECRETS_KEYS.
      { provide: SecretBox, useValue: new SecretBox(config.secrets) },
    ];
    return { module: ControlPlaneConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}

import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BillingModule } from './billing/billing.module';
import { CostsModule } from './costs/costs.module';
import { CatalogModule } from './catalog/catalog.module';
import { CatalogHealthModule } from './catalog-health/catalog-health.module';
import { ConnectorsModule } from './connectors/connectors.module';
import { EnginesModule } from './engines/engines.module';
import { ControlPlaneConfigModule } from './config/config.module';
import type { ControlPlaneConfig } from './config/control-plane.config';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { LineageModule } from './lineage/lineage.module';
import { PipelinesModule } from './pipelines/pipelines.module';
import { QualityModule } from './quality/quality.module';
import { QuarantineModule } from './quarantine/quarantine.module';
import { UploadsModule } from './uploads/uploads.module';
import { QueuesModule } from './queues/queues.module';
import { RetentionModule } from './retention/retention.module';
import { RequestContextMiddleware } from './common/request-context.middleware';
import { RunsModule } from './runs/runs.module';
import { SchemaDriftModule } from './schema-drift/schema-drift.module';
import { PipelineMappingsModule } from './pipeline-mappings/pipeline-mappings.module';
import { TenantsModule } from './tenants/tenants.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: ControlPlaneConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ControlPlaneConfigModule.forRoot(config),
        DatabaseModule,
        QueuesModule,
        AuditModule,
        AuthModule,
        UsersModule,
        TenantsModule,
        BillingModule,
        CostsModule,
        CatalogModule,
        CatalogHealthModule,
        ConnectorsModule,
        EnginesModule,
        ExportsModule,
        PipelinesModule,
        RunsModule,
        IncidentsModule,
        SchemaDriftModule,
        PipelineMappingsModule,
        LineageModule,
        QuarantineModule,
        UploadsModule,
        QualityModule,
        WebhooksModule,
        RetentionModule,
        EventsModule,
        HealthModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}

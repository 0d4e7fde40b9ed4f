import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module';
import { CostsModule } from '../costs/costs.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { LineageModule } from '../lineage/lineage.module';
import { QualityModule } from '../quality/quality.module';
import { QuarantineModule } from '../quarantine/quarantine.module';
import { CatalogHealthModule } from '../catalog-health/catalog-health.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { ExportsModule } from '../exports/exports.module';
import { RunsModule } from '../runs/runs.module';
import { SchemaDriftModule } from '../schema-drift/schema-drift.module';
import { PipelineMappingsModule } from '../pipeline-mappings/pipeline-mappings.module';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { QueueRefusals } from './queue-refusals';
import { WorkerEventsProcessor } from './worker-events.processor';

@Module({
  imports: [BillingModule, CostsModule, RunsModule, TenantsRepositoryModule, IncidentsModule, SchemaDriftModule, PipelineMappingsModule, LineageModule, QuarantineModule, QualityModule, CatalogHealthModule, ConnectorsModule, ExportsModule],
  providers: [WorkerEventsProcessor, QueueRefusals],
})
export class EventsModule {}

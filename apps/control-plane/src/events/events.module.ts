import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { RunsModule } from '../runs/runs.module';
import { SchemaDriftModule } from '../schema-drift/schema-drift.module';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { WorkerEventsProcessor } from './worker-events.processor';

@Module({
  imports: [RunsModule, TenantsRepositoryModule, IncidentsModule, SchemaDriftModule],
  providers: [WorkerEventsProcessor],
})
export class EventsModule {}

import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { WorkerEventsProcessor } from './worker-events.processor';

@Module({
  imports: [RunsModule, TenantsRepositoryModule],
  providers: [WorkerEventsProcessor],
})
export class EventsModule {}

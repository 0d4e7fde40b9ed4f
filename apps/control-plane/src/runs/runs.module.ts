import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BillingModule } from '../billing/billing.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { PipelineMappingsModule } from '../pipeline-mappings/pipeline-mappings.module';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { PipelineRun } from './pipeline-run.entity';
import { RunDispatcher } from './run-dispatcher';
import { RunsController } from './runs.controller';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';
import { ScheduledRunProcessor } from './scheduled-run.processor';

@Module({
  imports: [TypeOrmModule.forFeature([PipelineRun]), PipelinesModule, PipelineMappingsModule, TenantsRepositoryModule, BillingModule],
  controllers: [RunsController],
  providers: [RunsRepository, RunsService, RunDispatcher, ScheduledRunProcessor],
  exports: [RunsRepository],
})
export class RunsModule {}

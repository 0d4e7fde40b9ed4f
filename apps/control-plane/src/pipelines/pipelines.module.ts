import { BillingModule } from '../billing/billing.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectorsModule } from '../connectors/connectors.module';
import { SchedulesModule } from '../schedules/schedules.module';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { Pipeline } from './pipeline.entity';
import { PipelinesController } from './pipelines.controller';
import { PipelinesRepository } from './pipelines.repository';
import { PipelinesService } from './pipelines.service';

@Module({
  imports: [TypeOrmModule.forFeature([Pipeline]), TenantsRepositoryModule, SchedulesModule, ConnectorsModule, BillingModule],
  controllers: [PipelinesController],
  providers: [PipelinesRepository, PipelinesService],
  exports: [PipelinesService],
})
export class PipelinesModule {}

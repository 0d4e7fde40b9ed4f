import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { Incident } from './incident.entity';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Incident]), PipelinesModule],
  controllers: [IncidentsController],
  providers: [IncidentsRepository],
  exports: [IncidentsRepository],
})
export class IncidentsModule {}

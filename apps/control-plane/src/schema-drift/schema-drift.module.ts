import { Module } from '@nestjs/common';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { SchemaDriftController } from './schema-drift.controller';
import { SchemaDriftRepository } from './schema-drift.repository';

@Module({
  imports: [PipelinesModule],
  controllers: [SchemaDriftController],
  providers: [SchemaDriftRepository],
  exports: [SchemaDriftRepository],
})
export class SchemaDriftModule {}

import { Module } from '@nestjs/common';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { PipelineMappingsController } from './pipeline-mappings.controller';
import { PipelineMappingsRepository } from './pipeline-mappings.repository';
import { PipelineMappingsService } from './pipeline-mappings.service';

@Module({
  imports: [PipelinesModule],
  controllers: [PipelineMappingsController],
  providers: [PipelineMappingsRepository, PipelineMappingsService],
  exports: [PipelineMappingsRepository, PipelineMappingsService],
})
export class PipelineMappingsModule {}

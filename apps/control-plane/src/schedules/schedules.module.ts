import { Module } from '@nestjs/common';
import { PipelineSchedules } from './pipeline-schedules';

@Module({
  providers: [PipelineSchedules],
  exports: [PipelineSchedules],
})
export class SchedulesModule {}

import { Module } from '@nestjs/common';
import { CostModelsRepository } from './cost-models.repository';
import { CostRecorder } from './cost-recorder';
import { CostsController } from './costs.controller';
import { CostsService } from './costs.service';
import { RunCostsRepository } from './run-costs.repository';

/** What runs cost: recorded per run from the worker's measurements, reported per tenant, pipeline and month. */
@Module({
  controllers: [CostsController],
  providers: [CostModelsRepository, RunCostsRepository, CostRecorder, CostsService],
  exports: [CostRecorder],
})
export class CostsModule {}

import { Injectable } from '@nestjs/common';
import type { EventData } from '@ade/contracts';
import { priceRun } from './cost-model';
import { CostModelsRepository } from './cost-models.repository';
import { RunCostsRepository } from './run-costs.repository';

/** Prices a succeeded run by what its worker measured, under the tenant's cost model of the moment. */
@Injectable()
export class CostRecorder {
  constructor(
    private readonly models: CostModelsRepository,
    private readonly costs: RunCostsRepository,
  ) {}

  /** After the run is marked succeeded; a repeated delivery records nothing more. A worker that measured nothing (older) is not priced. */
  async runSucceeded(event: EventData<'run.succeeded'>): Promise<void> {
    if (!event.resources) return;
    const { model } = await this.models.get(event.tenantId);
    await this.costs.record(event.tenantId, event.runId, event.resources, event.durationMs, priceRun(event.resources, event.durationMs, model), model);
  }
}

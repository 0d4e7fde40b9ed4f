import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { RunStatus } from '@ade/contracts';
import { BillingStanding } from '../billing/billing-standing';
import { NotFoundError, UnavailableError } from '../common/app-error';
import { PipelinesService } from '../pipelines/pipelines.service';
import { TenantsRepository } from '../tenants/tenants.repository';
import { PipelineRun, type RunTrigger } from './pipeline-run.entity';
import { RunDispatcher } from './run-dispatcher';
import { RunsRepository } from './runs.repository';

@Injectable()
export class RunsService {
  private readonly logger = new Logger(RunsService.name);

  constructor(
    private readonly runs: RunsRepository,
    private readonly pipelines: PipelinesService,
    private readonly tenants: TenantsRepository,
    private readonly dispatcher: RunDispatcher,
    private readonly billing: BillingStanding,
  ) {}

  /**
   * Records the run first, then queues it; a queue outage fails the run visibly rather than losing
   * it. A tenant whose billing is suspended or canceled gets 402 and no run.
   */
  async trigger(tenantId: string, pipelineId: string, trigger: RunTrigger, requestedBy: string | null): Promise<PipelineRun> {
    const pipeline = await this.pipelines.get(tenantId, pipelineId);
    await this.billing.assertRunsAllowed(tenantId);
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    const run = Object.assign(new PipelineRun(), {
      id: randomUUID(),
      tenantId,
      pipelineId: pipeline.id,
      pipelineName: pipeline.name,
      trigger,
      status: 'queued' as const,
      attempt: 0,
      targetTable: pipeline.targetTable,
      bronzeTable: null,
      rowsLoaded: 0,
      filesLoaded: 0,
      filesSkipped: 0,
      filesQuarantined: 0,
      errorCode: null,
      errorMessage: null,
      requestedBy,
      queuedAt: new Date(),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
    });
    await this.runs.insert(tenantId, run);
    try {
      await this.dispatcher.dispatch(run, pipeline, tenant.catalogName);
    } catch (error) {
      this.logger.error({ msg: 'run dispatch failed', tenantId, runId: run.id, error: (error as Error).message });
      await this.runs.markFailed(tenantId, run.id, { code: 'dispatch_failed', message: 'the job queue could not be reached' });
      throw new UnavailableError('the run could not be queued; it is recorded as failed, try again shortly');
    }
    return run;
  }

  list(tenantId: string, filter: { pipelineId?: string; status?: RunStatus; limit: number }): Promise<PipelineRun[]> {
    const where = {
      ...(filter.pipelineId ? { pipelineId: filter.pipelineId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    return this.runs.find(tenantId, { where, order: { queuedAt: 'DESC' }, take: filter.limit });
  }

  async get(tenantId: string, id: string): Promise<PipelineRun> {
    const run = await this.runs.findById(tenantId, id);
    if (!run) throw new NotFoundError('run');
    return run;
  }
}

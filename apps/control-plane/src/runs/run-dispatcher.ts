import { Injectable } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { RUN_BACKOFF_STRATEGY, type JobInputData } from '@ade/contracts';
import { RunPolicyConfig } from '../config/control-plane.config';
import { pipelineDefinition } from '../pipelines/pipeline-definition';
import type { Pipeline } from '../pipelines/pipeline.entity';
import { TenantQueues } from '../queues/tenant-queues';
import { PipelineMappingsService } from '../pipeline-mappings/pipeline-mappings.service';
import type { PipelineRun } from './pipeline-run.entity';

/**
 * Retries with the workers' full-jitter backoff, kept 7 days after completion and 30 after failure:
 * the options of every job that works on a pipeline's tables.
 */
export function pipelineJobOptions(policy: RunPolicyConfig, jobId: string): JobsOptions & { jobId: string } {
  return {
    jobId,
    attempts: policy.maxAttempts,
    backoff: { type: RUN_BACKOFF_STRATEGY, delay: policy.backoffMs },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/**
 * Sends a run to its tenant's queue. The job id is the run id, so a run can be in the queue at
 * most once however often dispatch is retried.
 */
@Injectable()
export class RunDispatcher {
  constructor(
    private readonly queues: TenantQueues,
    private readonly policy: RunPolicyConfig,
    private readonly mappings: PipelineMappingsService,
  ) {}

  async dispatch(run: PipelineRun, pipeline: Pipeline, catalogName: string): Promise<void> {
    const mapping = await this.mappings.forRun(run.tenantId, pipeline.id);
    const data: JobInputData<'pipeline.run'> = {
      tenantId: run.tenantId,
      runId: run.id,
      pipelineId: pipeline.id,
      catalogName,
      pipeline: { ...pipelineDefinition(pipeline), ...(mapping ? { mapping } : {}) },
    };
    await this.queues.dispatch(run.tenantId, { name: 'pipeline.run', data }, pipelineJobOptions(this.policy, run.id));
  }
}

import { Injectable } from '@nestjs/common';
import { RUN_BACKOFF_STRATEGY, type JobData } from '@ade/contracts';
import { RunPolicyConfig } from '../config/control-plane.config';
import type { Pipeline } from '../pipelines/pipeline.entity';
import { TenantQueues } from '../queues/tenant-queues';
import type { PipelineRun } from './pipeline-run.entity';

/**
 * Sends a run to its tenant's queue. The job id is the run id, so a run can be in the queue at
 * most once however often dispatch is retried.
 */
@Injectable()
export class RunDispatcher {
  constructor(
    private readonly queues: TenantQueues,
    private readonly policy: RunPolicyConfig,
  ) {}

  async dispatch(run: PipelineRun, pipeline: Pipeline, catalogName: string): Promise<void> {
    const data: JobData<'pipeline.run'> = {
      tenantId: run.tenantId,
      runId: run.id,
      pipelineId: pipeline.id,
      catalogName,
      pipeline: {
        name: pipeline.name,
        dataType: pipeline.dataType,
        targetTable: pipeline.targetTable,
        source: { path: pipeline.sourcePath, format: pipeline.sourceFormat, options: pipeline.options },
        quality: pipeline.quality,
      },
    };
    await this.queues.dispatch(run.tenantId, { name: 'pipeline.run', data }, {
      jobId: run.id,
      attempts: this.policy.maxAttempts,
      backoff: { type: RUN_BACKOFF_STRATEGY, delay: this.policy.backoffMs },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  }
}

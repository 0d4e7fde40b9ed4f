import { Injectable } from '@nestjs/common';
import type { JobInputData } from '@ade/contracts';
import { RunPolicyConfig } from '../config/control-plane.config';
import { pipelineDefinition } from '../pipelines/pipeline-definition';
import type { Pipeline } from '../pipelines/pipeline.entity';
import { TenantQueues } from '../queues/tenant-queues';
import { pipelineJobOptions } from '../runs/run-dispatcher';
import type { QuarantineRelease } from './quarantine-release.entity';

/** Sends a release to its tenant's queue, job id = release id, retried like a run. */
@Injectable()
export class ReleaseDispatcher {
  constructor(
    private readonly queues: TenantQueues,
    private readonly policy: RunPolicyConfig,
  ) {}

  async dispatch(release: QuarantineRelease, pipeline: Pipeline, catalogName: string): Promise<void> {
    const data: JobInputData<'quality.release'> = {
      tenantId: release.tenantId,
      releaseId: release.id,
      pipelineId: pipeline.id,
      catalogName,
      pipeline: pipelineDefinition(pipeline),
      filter: release.filter,
    };
    await this.queues.dispatch(release.tenantId, { name: 'quality.release', data }, pipelineJobOptions(this.policy, release.id));
  }
}

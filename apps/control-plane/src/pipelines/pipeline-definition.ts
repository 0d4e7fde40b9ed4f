import type { PipelineDefinition } from '@ade/contracts';
import type { Pipeline } from './pipeline.entity';

/** What a job tells the worker about its pipeline: the same for runs and quarantine releases. */
export function pipelineDefinition(pipeline: Pipeline): PipelineDefinition {
  return {
    name: pipeline.name,
    dataType: pipeline.dataType,
    targetTable: pipeline.targetTable,
    source: { path: pipeline.sourcePath, format: pipeline.sourceFormat, options: pipeline.options },
    quality: pipeline.quality,
  };
}

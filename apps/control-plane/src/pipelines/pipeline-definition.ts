import type { PipelineDefinition } from '@ade/contracts';
import type { Pipeline } from './pipeline.entity';

/**
 * What a job tells the worker about its pipeline: the same for runs and quarantine releases. The
 * connector goes in by reference only (the worker asks for its credentials), and only when there
 * is one, so the job of a landing-zone pipeline is what it always was.
 */
export function pipelineDefinition(pipeline: Pipeline): PipelineDefinition {
  return {
    name: pipeline.name,
    dataType: pipeline.dataType,
    targetTable: pipeline.targetTable,
    source: {
      path: pipeline.sourcePath,
      format: pipeline.sourceFormat,
      options: pipeline.options,
      ...(pipeline.connectorId ? { connectorId: pipeline.connectorId } : {}),
    },
    quality: pipeline.quality,
  };
}

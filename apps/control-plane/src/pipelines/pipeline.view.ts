import type { Pipeline } from './pipeline.entity';

/** Mirrors the create body, so what a client sent is what it reads back. */
export function pipelineView(pipeline: Pipeline) {
  return {
    id: pipeline.id,
    name: pipeline.name,
    dataType: pipeline.dataType,
    sourcePath: pipeline.sourcePath,
    sourceFormat: pipeline.sourceFormat,
    targetTable: pipeline.targetTable,
    schedule: pipeline.schedule,
    options: pipeline.options,
    quality: pipeline.quality,
    connectorId: pipeline.connectorId,
    createdAt: pipeline.createdAt,
    updatedAt: pipeline.updatedAt,
  };
}

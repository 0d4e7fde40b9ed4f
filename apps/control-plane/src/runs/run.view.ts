import type { PipelineRun } from './pipeline-run.entity';

export function runView(run: PipelineRun) {
  return {
    id: run.id,
    pipelineId: run.pipelineId,
    pipelineName: run.pipelineName,
    trigger: run.trigger,
    status: run.status,
    attempt: run.attempt,
    targetTable: run.targetTable,
    bronzeTable: run.bronzeTable,
    counts: { rowsLoaded: run.rowsLoaded, filesLoaded: run.filesLoaded, filesSkipped: run.filesSkipped, filesQuarantined: run.filesQuarantined },
    error: run.errorCode ? { code: run.errorCode, message: run.errorMessage } : null,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
  };
}

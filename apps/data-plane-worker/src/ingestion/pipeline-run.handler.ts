import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatTableName, parseTableName, type JobOf, type TableRef } from '@ade/contracts';
import { LAKEHOUSE, type Lakehouse } from '@ade/lakehouse';
import { WorkerConfig } from '../config/worker.config';
import { EventPublisher } from '../events/event-publisher';
import { classifyFailure } from '../healing/failure-classifier';
import { errorForQueue, willRetry } from '../healing/failure-policy';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';
import { BronzeIngestion, type IngestionCounts } from './bronze-ingestion';
import { discoverSourceFiles, landingZone } from './source-files';

/**
 * The ingestion agent's entry point: lands a pipeline's source files in its bronze table and
 * reports the outcome. Every attempt reports `run.started`, then `run.succeeded` or `run.failed`.
 */
@Injectable()
export class PipelineRunHandler {
  private readonly logger = new Logger(PipelineRunHandler.name);

  constructor(
    @Inject(LAKEHOUSE) private readonly lakehouse: Lakehouse,
    private readonly config: WorkerConfig,
    private readonly events: EventPublisher,
  ) {}

  @JobHandler('pipeline.run')
  async run(job: JobOf<'pipeline.run'>, context: JobContext): Promise<IngestionCounts> {
    const { tenantId, runId } = job.data;
    const started = Date.now();
    await this.events.publish({ name: 'run.started', data: { tenantId, runId, attempt: context.attempt, at: new Date().toISOString() } });
    try {
      const bronzeTable = bronzeTableFor(job.data.pipeline.targetTable);
      const counts = await this.ingest(job, bronzeTable);
      await this.events.publish({
        name: 'run.succeeded',
        data: {
          tenantId,
          runId,
          attempt: context.attempt,
          at: new Date().toISOString(),
          bronzeTable: formatTableName(bronzeTable),
          counts,
          durationMs: Date.now() - started,
        },
      });
      this.logger.log({ msg: 'run succeeded', tenantId, runId, ...counts, durationMs: Date.now() - started });
      return counts;
    } catch (error) {
      const classified = classifyFailure(error);
      const retrying = willRetry(classified, context);
      this.logger.error({
        msg: 'run attempt failed',
        tenantId,
        runId,
        attempt: context.attempt,
        code: classified.failure.code,
        willRetry: retrying,
        errorName: (error as Error).name,
      });
      await this.events.publish({
        name: 'run.failed',
        data: { tenantId, runId, attempt: context.attempt, at: new Date().toISOString(), willRetry: retrying, error: classified.failure },
      });
      throw errorForQueue(classified);
    }
  }

  private async ingest(job: JobOf<'pipeline.run'>, bronzeTable: TableRef): Promise<IngestionCounts> {
    const { tenantId, runId, pipelineId, catalogName, pipeline } = job.data;
    const files = await discoverSourceFiles(landingZone(this.config.dataDir, tenantId), pipeline.source.path, pipeline.source.format);
    const catalog = await this.lakehouse.open({ tenantId, catalogName });
    try {
      return await new BronzeIngestion(catalog).ingest({ pipelineId, runId, files, source: pipeline.source, table: bronzeTable });
    } finally {
      await catalog.close();
    }
  }
}

/** Bronze lands under the same table name as the pipeline's target, in the bronze schema. */
export function bronzeTableFor(targetTable: string): TableRef {
  const target = parseTableName(targetTable);
  if (!target) throw new Error(`invalid target table '${targetTable}'`);
  return { ...target, schema: 'bronze' };
}

import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_SCHEMA_EVOLUTION, formatTableName, parseTableName, type ComputeSpec, type JobOf, type RunResources, type TableRef } from '@ade/contracts';
import { catalogFilePath, LAKEHOUSE, type Lakehouse, type SourceFile, type TenantCatalog } from '@ade/lakehouse';
import { MappingNeededError, proposalReport } from '@ade/quality';
import { WorkerConfig } from '../config/worker.config';
import { EventPublisher } from '../events/event-publisher';
import { classifyFailure } from '../healing/failure-classifier';
import { errorForQueue } from '../healing/failure-policy';
import { decideHealing } from '../healing/healing-policy';
import { IncidentReporter } from '../healing/incident-reporter';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';
import { JobsInFlight } from '../jobs/jobs-in-flight';
import { QualityAgent, type QualityOutcome } from '../quality/quality-agent';
import { FileIngestion } from './file-ingestion';
import { IngestionAgent, type IngestionCounts } from './ingestion-agent';
import { canonicalOfFor } from './schema-drift';
import { CONNECTOR_CREDENTIALS, type ConnectorCredentialsSource } from './connectors/connector-credentials';
import { connectorStore, type ConnectorStore } from './connectors/connector-store';
import { LANDING_STORE, type LandingStore } from './landing/landing-store';
import { SourceError } from './source-error';

/**
 * A pipeline run: the ingestion agent lands the source files in bronze, then the quality agent
 * takes the run's rows on to silver, quarantine and gold. Every attempt reports `run.started`,
 * then what the quality agent measured and the run's lineage, then `run.succeeded` or
 * `run.failed`; every failure it handles is also an incident with the healing action taken.
 */
@Injectable()
export class PipelineRunHandler {
  private readonly logger = new Logger(PipelineRunHandler.name);

  constructor(
    @Inject(LAKEHOUSE) private readonly lakehouse: Lakehouse,
    @Inject(LANDING_STORE) private readonly landing: LandingStore,
    @Inject(CONNECTOR_CREDENTIALS) private readonly credentials: ConnectorCredentialsSource,
    private readonly config: WorkerConfig,
    private readonly events: EventPublisher,
    private readonly quality: QualityAgent,
    private readonly inFlight: JobsInFlight,
  ) {}

  @JobHandler('pipeline.run')
  async run(job: JobOf<'pipeline.run'>, context: JobContext): Promise<IngestionCounts> {
    const { tenantId, runId, pipelineId } = job.data;
    const started = Date.now();
    const incidents = new IncidentReporter(this.events, { tenantId, runId, pipelineId, attempt: context.attempt });
    await this.events.publish({ name: 'run.started', data: { tenantId, runId, attempt: context.attempt, at: new Date().toISOString() } });
    const cpu = this.inFlight.meter();
    try {
      const storageBefore = await this.storageBytes(job);
      const bronzeTable = bronzeTableFor(job.data.pipeline.targetTable);
      const { counts, quality, volume, compute } = await this.process(job, bronzeTable, context, incidents);
      await this.publishQuality(job, context, quality);
      const durationMs = Date.now() - started;
      const storageAfter = await this.storageBytes(job);
      const resources: RunResources = {
        engine: job.data.engine,
        ...cpu.finish(),
        ...volume,
        bytesWritten: storageBefore === null || storageAfter === null ? null : Math.max(0, storageAfter - storageBefore),
        rowsRead: counts.rowsLoaded,
        rowsWritten: counts.rowsLoaded + (quality.report?.rows.silver ?? 0) + (quality.report?.rows.quarantined ?? 0),
        ...(job.data.engine === 'databricks' ? { compute } : {}),
      };
      await this.events.publish({
        name: 'run.succeeded',
        data: { tenantId, runId, attempt: context.attempt, at: new Date().toISOString(), bronzeTable: formatTableName(bronzeTable), counts, durationMs, resources },
      });
      this.logger.log({ msg: 'run succeeded', tenantId, runId, ...counts, durationMs });
      return counts;
    } catch (error) {
      cpu.finish();
      const classified = classifyFailure(error);
      const decision = decideHealing(classified.failureClass, 'run', context.attempt, context.maxAttempts);
      this.logger.error({
        msg: 'run attempt failed',
        tenantId,
        runId,
        attempt: context.attempt,
        code: classified.failure.code,
        failureClass: classified.failureClass,
        action: decision.action,
        errorName: (error as Error).name,
      });
      await incidents.report(classified, decision.action);
      if (error instanceof MappingNeededError) await this.reportProposal(job, context, error);
      await this.events.publish({
        name: 'run.failed',
        data: { tenantId, runId, attempt: context.attempt, at: new Date().toISOString(), willRetry: decision.retry, error: classified.failure },
      });
      throw errorForQueue(classified.failure, decision.retry);
    }
  }

  /**
   * Bytes of the tenant's embedded catalog on this worker's disk (the database and its write-ahead
   * log); null on Databricks, whose storage the worker does not see.
   */
  private async storageBytes(job: JobOf<'pipeline.run'>): Promise<number | null> {
    if (job.data.engine !== 'embedded') return null;
    const path = catalogFilePath(this.config.dataDir, { tenantId: job.data.tenantId, catalogName: job.data.catalogName });
    const sizes = await Promise.all([path, `${path}.wal`].map((file) => stat(file).then((found) => found.size, () => 0)));
    return sizes[0]! + sizes[1]!;
  }

  /** The proposal a stopped run leaves for a person; losing it must not turn a stop into a retry. */
  private async reportProposal(job: JobOf<'pipeline.run'>, context: JobContext, error: MappingNeededError): Promise<void> {
    const { tenantId, runId, pipelineId } = job.data;
    try {
      await this.events.publish({
        name: 'mapping.proposed',
        data: { tenantId, runId, pipelineId, attempt: context.attempt, at: new Date().toISOString(), proposal: proposalReport(error.proposal) },
      });
    } catch (publishError) {
      this.logger.error({ msg: 'could not report the proposed mapping', tenantId, runId, errorName: (publishError as Error).name });
    }
  }

  private async process(
    job: JobOf<'pipeline.run'>,
    table: TableRef,
    context: JobContext,
    incidents: IncidentReporter,
  ): Promise<{ counts: IngestionCounts; quality: QualityOutcome; volume: IngestionAgent['volume']; compute: ComputeSpec | null }> {
    const { tenantId, runId, catalogName, engine, pipeline } = job.data;
    const scratchDir = join(this.config.dataDir, 'tenants', tenantId, 'work', runId);
    let catalog: TenantCatalog | undefined;
    let connector: ConnectorStore | undefined;
    try {
      const { connectorId } = pipeline.source;
      if (connectorId) connector = connectorStore(await this.credentials.fetch({ tenantId, connectorId, runId }), pipeline.name);
      const files = await (connector ?? this.landing).discover({ tenantId, sourcePath: pipeline.source.path, format: pipeline.source.format, scratchDir });
      catalog = await this.lakehouse.open({ tenantId, catalogName, engine });
      // The previous delivery ran out of memory or disk: this one trades speed for headroom.
      if (context.previousFailureCode === 'resource_exhausted') await catalog.reduceParallelism();
      const agent = this.agent(job, table, catalog, scratchDir, context, incidents);
      const counts = await agent.ingest(files);
      const quality = await this.quality.judgeRun(job, catalog);
      if (connector) await this.settle(connector, files, job);
      return { counts, quality, volume: agent.volume, compute: await catalog.describeCompute() };
    } finally {
      connector?.close();
      await catalog?.close();
      await rm(scratchDir, { recursive: true, force: true });
    }
  }

  /**
   * Archives the connector's files once the run has landed them. A file left in place is harmless
   * (the next run skips it by name and content), so a failed move is logged, not a failed run.
   */
  private async settle(connector: ConnectorStore, files: SourceFile[], job: JobOf<'pipeline.run'>): Promise<void> {
    try {
      await connector.settle(files);
    } catch (error) {
      const code = error instanceof SourceError ? error.kind : 'internal';
      this.logger.warn({ msg: 'landed files could not be archived on the connector; they stay in place', tenantId: job.data.tenantId, runId: job.data.runId, code });
    }
  }

  private async publishQuality(job: JobOf<'pipeline.run'>, context: JobContext, quality: QualityOutcome): Promise<void> {
    const { tenantId, runId, pipelineId } = job.data;
    const base = { tenantId, runId, pipelineId, attempt: context.attempt, at: new Date().toISOString() };
    if (quality.report) await this.events.publish({ name: 'quality.measured', data: { ...base, report: quality.report } });
    if (quality.lineage.length) await this.events.publish({ name: 'lineage.recorded', data: { ...base, edges: quality.lineage } });
  }

  private agent(job: JobOf<'pipeline.run'>, table: TableRef, catalog: TenantCatalog, scratchDir: string, context: JobContext, incidents: IncidentReporter) {
    const { tenantId, runId, pipelineId, pipeline } = job.data;
    const format = pipeline.source.format === 'x12' ? 'ndjson' : pipeline.source.format;
    const files = new FileIngestion(catalog, {
      pipelineId,
      runId,
      table,
      format,
      options: pipeline.source.options,
      mode: pipeline.source.options.schemaEvolution ?? DEFAULT_SCHEMA_EVOLUTION,
      canonicalOf: canonicalOfFor(pipeline.dataType),
      onDrift: (report) =>
        this.events.publish({ name: 'schema.drift', data: { tenantId, runId, pipelineId, attempt: context.attempt, at: new Date().toISOString(), report } }),
    });
    return new IngestionAgent(catalog, files, incidents, {
      pipelineId,
      runId,
      format: pipeline.source.format,
      dataType: pipeline.dataType,
      scratchDir,
      attempt: context.attempt,
      maxAttempts: context.maxAttempts,
    });
  }
}

/** Bronze lands under the same table name as the pipeline's target, in the bronze schema. */
export function bronzeTableFor(targetTable: string): TableRef {
  const target = parseTableName(targetTable);
  if (!target) throw new Error(`invalid target table '${targetTable}'`);
  return { ...target, schema: 'bronze' };
}

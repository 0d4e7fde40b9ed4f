import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { ContractViolation, EVENTS_QUEUE, isUuid, parseEvent, type AnyEvent } from '@ade/contracts';
import { openSeal, QueueKeyring } from '@ade/queue';
import { UsageLedger } from '../billing/usage-ledger';
import { CostRecorder } from '../costs/cost-recorder';
import { CatalogHealthChecksRepository } from '../catalog-health/catalog-health-checks.repository';
import { ConnectorChecksRepository } from '../connectors/connector-checks.repository';
import { TableExportsRepository } from '../exports/table-exports.repository';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { LineageRepository } from '../lineage/lineage.repository';
import { QualityRecorder } from '../quality/quality-recorder';
import { QuarantineCountsRepository } from '../quarantine/quarantine-counts.repository';
import { QuarantineReleasesRepository } from '../quarantine/quarantine-releases.repository';
import { RunsRepository } from '../runs/runs.repository';
import { SchemaDriftRepository } from '../schema-drift/schema-drift.repository';
import { PipelineMappingsRepository } from '../pipeline-mappings/pipeline-mappings.repository';
import { TenantsRepository } from '../tenants/tenants.repository';
import { QueueRefusals } from './queue-refusals';

/**
 * Persists what data-plane workers report, once its seal shows a worker holding the tenant's key
 * sent it (anything else is refused and audited, unread). Handlers are idempotent (guarded transitions), so an
 * event delivered twice changes nothing the second time.
 */
@Processor(EVENTS_QUEUE)
export class WorkerEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(WorkerEventsProcessor.name);

  constructor(
    private readonly runs: RunsRepository,
    private readonly tenants: TenantsRepository,
    private readonly incidents: IncidentsRepository,
    private readonly drift: SchemaDriftRepository,
    private readonly lineage: LineageRepository,
    private readonly quarantineCounts: QuarantineCountsRepository,
    private readonly releases: QuarantineReleasesRepository,
    private readonly quality: QualityRecorder,
    private readonly mappings: PipelineMappingsRepository,
    private readonly healthChecks: CatalogHealthChecksRepository,
    private readonly connectorChecks: ConnectorChecksRepository,
    private readonly tableExports: TableExportsRepository,
    private readonly keyring: QueueKeyring,
    private readonly refusals: QueueRefusals,
    private readonly usage: UsageLedger,
    private readonly costs: CostRecorder,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    const claimedTenant = (job.data as { tenantId?: unknown } | null)?.tenantId;
    const opened = isUuid(claimedTenant)
      ? openSeal(this.keyring, 'event', { tenantId: claimedTenant, name: job.name, id: job.id ?? '' }, job.data)
      : ({ ok: false, reason: 'forged' } as const);
    if (!opened.ok) {
      await this.refusals.eventRefused({ name: job.name, id: job.id, data: job.data }, opened.reason);
      throw new UnrecoverableError(`event refused: ${opened.reason}`);
    }
    let event: AnyEvent;
    try {
      event = parseEvent(job.name, opened.payload);
    } catch (error) {
      if (error instanceof ContractViolation) {
        this.logger.error({ msg: 'rejected malformed worker event', jobId: job.id, reason: error.message });
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
    await this.apply(event);
  }

  private async apply(event: AnyEvent): Promise<void> {
    switch (event.name) {
      case 'run.started':
        return this.runs.markStarted(event.data);
      case 'run.succeeded':
        await this.runs.markSucceeded(event.data);
        // The run's incidents settle first: a reader who sees the run succeeded should see them settled.
        await this.incidents.settleForRun(event.data.tenantId, event.data.runId, true, event.data.at);
        // Usage and cost read the run as marked; a failure here retries the event, and each records once.
        await this.usage.runSucceeded(event.data.tenantId, event.data.runId);
        return this.costs.runSucceeded(event.data);
      case 'run.failed':
        await this.runs.markAttemptFailed(event.data);
        if (!event.data.willRetry) await this.incidents.settleForRun(event.data.tenantId, event.data.runId, false, event.data.at);
        return;
      case 'incident.recorded':
        return this.incidents.record(event.data);
      case 'schema.drift':
        return this.drift.record(event.data);
      case 'mapping.proposed':
        return this.mappings.recordProposal(event.data);
      case 'lineage.recorded':
        return this.lineage.record(event.data);
      // Quarantine counts by rule, then the report with its anomalies and alerts.
      case 'quality.measured':
        await this.quarantineCounts.record(event.data);
        return this.quality.record(event.data);
      case 'quarantine.released':
        return this.releases.markReleased(event.data);
      case 'quarantine.release_failed':
        return this.releases.markFailed(event.data.tenantId, event.data.releaseId, event.data.error, event.data.at);
      case 'catalog.provisioned':
        return this.tenants.setCatalogStatus(event.data.tenantId, 'ready', null);
      case 'catalog.failed':
        return this.tenants.setCatalogStatus(event.data.tenantId, 'failed', event.data.error.message);
      case 'catalog.health_reported':
        return this.healthChecks.markReported(event.data);
      case 'catalog.health_failed':
        return this.healthChecks.markFailed(event.data.tenantId, event.data.checkId, event.data.error, event.data.at);
      case 'connector.checked':
        return this.connectorChecks.markReported(event.data);
      case 'connector.check_failed':
        return this.connectorChecks.markFailed(event.data.tenantId, event.data.checkId, event.data.connectorId, event.data.error, event.data.at);
      case 'export.completed':
        return this.tableExports.markCompleted(event.data);
      case 'export.failed':
        return this.tableExports.markFailed(event.data.tenantId, event.data.exportId, event.data.error, event.data.at);
      case 'job.refused':
        return this.refusals.jobRefused(event.data);
    }
  }
}

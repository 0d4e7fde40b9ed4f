import { Injectable, Logger } from '@nestjs/common';
import type { EventData } from '@ade/contracts';
import { DEFAULT_MAX_HISTORY, detectAnomalies } from '@ade/quality-model';
import { DatabaseScope } from '../database/database-scope';
import type { AlertPayload } from '../webhooks/webhook-delivery.entity';
import { WebhookDeliveriesRepository } from '../webhooks/webhook-deliveries.repository';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { alertDedupeKey, alertsFor, DEFAULT_THRESHOLDS } from './alert-rules';
import type { Alert } from './alert.entity';
import { AlertsRepository, AlertThresholdsRepository } from './alerts.repository';
import { QualityReportsRepository } from './quality-reports.repository';

export function alertPayload(alert: Alert): AlertPayload {
  return {
    id: alert.id,
    kind: alert.kind,
    table: alert.tableName,
    runId: alert.runId,
    pipelineId: alert.pipelineId,
    userId: alert.userId,
    detail: alert.detail,
    createdAt: new Date(alert.createdAt).toISOString(),
  };
}

/**
 * Stores what the worker measured (`quality.measured`) and acts on it: the report, the anomalies
 * against the table's previous runs, the alerts its thresholds raise and their webhook
 * deliveries, all in one transaction. Idempotent: a re-delivered event (or a later attempt of the
 * run) replaces the report and its anomalies, and finds its alerts and deliveries already there.
 */
@Injectable()
export class QualityRecorder {
  private readonly logger = new Logger(QualityRecorder.name);

  constructor(
    private readonly scope: DatabaseScope,
    private readonly reports: QualityReportsRepository,
    private readonly thresholds: AlertThresholdsRepository,
    private readonly alerts: AlertsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async record(event: EventData<'quality.measured'>): Promise<void> {
    const { tenantId, runId } = event;
    const table = event.report.table;
    const alertIds = await this.scope.forTenant(tenantId, async (tx) => {
      const reportId = await this.reports.upsert(tx, event);
      if (!reportId) return null;
      const history = await this.reports.history(tx, tenantId, table, event.at, runId, DEFAULT_MAX_HISTORY);
      const detection = detectAnomalies(event.report, history);
      await this.reports.saveAnalysis(tx, tenantId, reportId, event, detection);

      const created: Alert[] = [];
      // A table nobody set thresholds for is judged by the defaults, so a collapse alerts without configuration.
      const thresholds = (await this.thresholds.forTableIn(tx, tenantId, table)) ?? DEFAULT_THRESHOLDS;
      const previous = await this.reports.previousOverall(tx, tenantId, table, event.at, runId);
      for (const draft of alertsFor(event.report.scores.overall, detection.anomalies, thresholds, previous)) {
        const alert = await this.alerts.createIfNew(tx, {
          tenantId,
          tableName: table,
          runId,
          pipelineId: event.pipelineId,
          userId: null,
          kind: draft.kind,
          detail: draft.detail,
          dedupeKey: alertDedupeKey(tenantId, table, runId, draft.kind),
        });
        if (alert) created.push(alert);
      }
      await this.deliveries.createForAlerts(tx, tenantId, created.map(alertPayload));
      return this.alerts.idsForRun(tx, tenantId, runId, table);
    });
    if (alertIds === null) {
      this.logger.warn({ msg: 'quality report ignored: unknown run, or a later attempt is stored', tenantId, runId });
      return;
    }
    // Queued after the commit; pending ones again on a re-delivered event, in case the process
    // died in between (the job id is the delivery id, so nothing is queued twice).
    await this.dispatcher.enqueue(tenantId, await this.deliveries.pendingIdsForAlerts(tenantId, alertIds));
  }
}

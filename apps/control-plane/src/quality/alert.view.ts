import type { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { deliveryStatusView } from '../webhooks/webhook.view';
import { DEFAULT_THRESHOLDS } from './alert-rules';
import type { AlertThreshold } from './alert-threshold.entity';
import type { Alert } from './alert.entity';

/** The thresholds a table's runs are judged by: its own, or the defaults (`source: 'default'`) when it has none. */
export function thresholdsView(table: string, thresholds: AlertThreshold | null) {
  const inForce = thresholds ?? DEFAULT_THRESHOLDS;
  return {
    table,
    source: thresholds ? ('table' as const) : ('default' as const),
    minQuality: inForce.minQuality,
    maxAnomaly: inForce.maxAnomaly,
    maxDrop: inForce.maxDrop,
    updatedAt: thresholds?.updatedAt ?? null,
  };
}

export function alertView(alert: Alert, delivery: WebhookDelivery | undefined) {
  return {
    id: alert.id,
    table: alert.tableName,
    runId: alert.runId,
    pipelineId: alert.pipelineId,
    userId: alert.userId,
    kind: alert.kind,
    detail: alert.detail,
    createdAt: alert.createdAt,
    delivery: delivery ? deliveryStatusView(delivery) : null,
  };
}

import type { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { deliveryStatusView } from '../webhooks/webhook.view';
import type { AlertThreshold } from './alert-threshold.entity';
import type { Alert } from './alert.entity';

export function thresholdsView(table: string, thresholds: AlertThreshold | null) {
  return {
    table,
    minQuality: thresholds?.minQuality ?? null,
    maxAnomaly: thresholds?.maxAnomaly ?? null,
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

import type { WebhookDelivery } from './webhook-delivery.entity';
import type { WebhookEndpoint } from './webhook-endpoint.entity';

/** The last four characters only: enough to tell two secrets apart, not to sign with. */
export function maskSecret(last4: string): string {
  return `${'*'.repeat(12)}${last4.slice(-4)}`;
}

/** `secret` is the whole secret only in the answer that generated it; null everywhere else. */
export function webhookView(endpoint: WebhookEndpoint, secret: string | null = null) {
  return {
    url: endpoint.url,
    secret,
    // Null for an endpoint whose secret was dropped when encryption at rest came in: rotate it.
    secretMasked: endpoint.secretLast4 ? maskSecret(endpoint.secretLast4) : null,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

export function deliveryStatusView(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.nextAttemptAt,
    deliveredAt: delivery.deliveredAt,
  };
}

export function deliveryView(delivery: WebhookDelivery) {
  return {
    ...deliveryStatusView(delivery),
    alertId: delivery.alertId,
    alert: { kind: delivery.payload.kind, table: delivery.payload.table, runId: delivery.payload.runId },
    createdAt: delivery.createdAt,
  };
}

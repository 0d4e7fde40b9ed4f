import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { RequestOrigin } from '../common/request-origin';
import { AlertsRepository } from '../quality/alerts.repository';
import { alertPayload } from '../quality/quality-recorder';
import { WebhookDeliveriesRepository } from '../webhooks/webhook-deliveries.repository';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import type { SessionUser } from './session-owner';

export const REFRESH_REUSE_ACTION = 'auth.refresh_reuse_detected';

/**
 * What a replayed refresh token leaves behind, written in the transaction that ends its session:
 * an entry on the user's chain (the tenant's, or the platform's for an operator) naming the user
 * and the session, and for a tenant user a `session_token_reused` alert with its webhook delivery,
 * so the tenant learns that one of its sessions was ended for token reuse.
 */
@Injectable()
export class RefreshReuseRecorder {
  private readonly logger = new Logger(RefreshReuseRecorder.name);

  constructor(
    private readonly audit: AuditLogRepository,
    private readonly alerts: AlertsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /** Records in `tx` (platform scope, where the token was looked up); returns the webhook deliveries to queue once it commits. */
  async recordIn(tx: EntityManager, user: SessionUser, sessionId: string, origin: RequestOrigin): Promise<string[]> {
    await this.audit.appendIn(tx, {
      tenantId: user.tenantId,
      actorType: 'user',
      actorId: user.id,
      actorRole: user.role,
      action: REFRESH_REUSE_ACTION,
      resourceType: 'session',
      resourceId: sessionId,
      outcome: 'denied',
      statusCode: 401,
      requestId: origin.requestId,
      clientIp: origin.clientIp,
      details: { sessionRevoked: true },
    });
    if (user.tenantId === null) return [];
    const alert = await this.alerts.createForReusedSession(tx, user.tenantId, user.id, sessionId);
    return alert ? this.deliveries.createForAlerts(tx, user.tenantId, [alertPayload(alert)]) : [];
  }

  /** Queues the alert's delivery; a queue outage leaves it pending, it never turns the 401 into an error. */
  async deliver(tenantId: string | null, deliveryIds: string[]): Promise<void> {
    if (tenantId === null || deliveryIds.length === 0) return;
    await this.dispatcher.enqueue(tenantId, deliveryIds).catch((error: Error) => this.logger.error({ msg: 'could not queue the session alert delivery', tenantId, error: error.message }));
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { assertTenantId, TenantScopedRepository } from '../database/tenant-scoped.repository';
import { WebhookDelivery, type AlertPayload } from './webhook-delivery.entity';

export type AttemptOutcome =
  | { kind: 'delivered'; statusCode: number }
  | { kind: 'retry'; statusCode: number | null; error: string; nextAttemptAt: Date }
  | { kind: 'failed'; statusCode: number | null; error: string };

/**
 * Deliveries of alerts to the tenant's endpoint. One per alert (unique alert_id), so an alert
 * raised again by a re-delivered event never gets a second one. Only a `pending` delivery moves.
 */
@Injectable()
export class WebhookDeliveriesRepository extends TenantScopedRepository<WebhookDelivery> {
  constructor(@InjectRepository(WebhookDelivery) repository: Repository<WebhookDelivery>) {
    super(repository);
  }

  /** In the transaction that created the alerts: a pending delivery for each, if the tenant has an endpoint. */
  async createForAlerts(tx: EntityManager, tenantId: string, alerts: AlertPayload[]): Promise<string[]> {
    assertTenantId(tenantId);
    const created: string[] = [];
    for (const alert of alerts) {
      const rows: Array<{ id: string }> = await tx.query(
        `INSERT INTO webhook_deliveries (id, tenant_id, alert_id, payload, status, attempts, next_attempt_at)
         SELECT $1, $2, $3, $4, 'pending', 0, now() WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE tenant_id = $2)
         ON CONFLICT ON CONSTRAINT webhook_deliveries_alert_key DO NOTHING
         RETURNING id`,
        [randomUUID(), tenantId, alert.id, JSON.stringify(alert)],
      );
      created.push(...rows.map((row) => row.id));
    }
    return created;
  }

  async pendingIdsForAlerts(tenantId: string, alertIds: string[]): Promise<string[]> {
    if (alertIds.length === 0) return [];
    const pending = await this.find(tenantId, { where: { alertId: In(alertIds), status: 'pending' } });
    return pending.map((delivery) => delivery.id);
  }

  async forAlerts(tenantId: string, alertIds: string[]): Promise<Map<string, WebhookDelivery>> {
    if (alertIds.length === 0) return new Map();
    const deliveries = await this.find(tenantId, { where: { alertId: In(alertIds) } });
    return new Map(deliveries.map((delivery) => [delivery.alertId, delivery]));
  }

  /** Records one attempt; counts every attempt made, also one restarted after a crash. */
  async recordAttempt(tenantId: string, id: string, outcome: AttemptOutcome): Promise<void> {
    const status = outcome.kind === 'retry' ? 'pending' : outcome.kind;
    await this.query(tenantId,
      `UPDATE webhook_deliveries
       SET status = $3, attempts = attempts + 1, last_status_code = $4, last_error = $5, next_attempt_at = $6,
           delivered_at = CASE WHEN $3 = 'delivered' THEN now() END, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [
        tenantId,
        id,
        status,
        outcome.statusCode,
        outcome.kind === 'delivered' ? null : outcome.error,
        outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
      ],
    );
  }

  /** A delivery whose job ran out of attempts without recording its end (e.g. the database was down). */
  async giveUp(tenantId: string, id: string, error: string): Promise<void> {
    await this.query(tenantId,
      `UPDATE webhook_deliveries SET status = 'failed', last_error = $3, next_attempt_at = NULL, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [tenantId, id, error],
    );
  }

  recent(tenantId: string, limit: number): Promise<WebhookDelivery[]> {
    return this.find(tenantId, { order: { createdAt: 'DESC', id: 'ASC' }, take: limit });
  }
}

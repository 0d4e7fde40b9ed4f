import { Injectable } from '@nestjs/common';
import { CatalogTables } from '../catalog/catalog-tables';
import { WebhookDeliveriesRepository } from '../webhooks/webhook-deliveries.repository';
import type { Alert } from './alert.entity';
import { alertView, thresholdsView } from './alert.view';
import { AlertsRepository, AlertThresholdsRepository } from './alerts.repository';
import type { SetThresholdsDto } from './dto/set-thresholds.dto';

/** A table's alert thresholds, and the alerts they raised with the state of their delivery. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly tables: CatalogTables,
    private readonly thresholds: AlertThresholdsRepository,
    private readonly alerts: AlertsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

  async setThresholds(tenantId: string, input: string, dto: SetThresholdsDto) {
    const table = await this.tables.resolve(tenantId, input, 'table');
    const patch = {
      ...(dto.minQuality !== undefined ? { minQuality: dto.minQuality } : {}),
      ...(dto.maxAnomaly !== undefined ? { maxAnomaly: dto.maxAnomaly } : {}),
      ...(dto.maxDrop !== undefined ? { maxDrop: dto.maxDrop } : {}),
    };
    return thresholdsView(table, await this.thresholds.merge(tenantId, table, patch));
  }

  async forTable(tenantId: string, input: string, limit: number) {
    const table = await this.tables.resolve(tenantId, input, 'table');
    const thresholds = thresholdsView(table, await this.thresholds.forTable(tenantId, table));
    return { thresholds, items: await this.withDeliveries(tenantId, await this.alerts.recent(tenantId, { table, limit })) };
  }

  async recent(tenantId: string, limit: number) {
    return { items: await this.withDeliveries(tenantId, await this.alerts.recent(tenantId, { table: null, limit })) };
  }

  private async withDeliveries(tenantId: string, alerts: Alert[]) {
    const deliveries = await this.deliveries.forAlerts(tenantId, alerts.map((alert) => alert.id));
    return alerts.map((alert) => alertView(alert, deliveries.get(alert.id)));
  }
}

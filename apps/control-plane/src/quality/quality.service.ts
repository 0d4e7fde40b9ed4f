import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/app-error';
import { CatalogTables } from '../catalog/catalog-tables';
import { AlertThresholdsRepository } from './alerts.repository';
import type { QualityReportRecord } from './quality-report.entity';
import { QualityAnomaliesRepository, QualityReportsRepository } from './quality-reports.repository';
import { dailyTrend, listedAnomalyView, reportView } from './quality.view';
import { thresholdsView } from './alert.view';

const DAY_MS = 24 * 3600 * 1000;

/** What the quality agent measured, read per table, run and period. */
@Injectable()
export class QualityService {
  constructor(
    private readonly tables: CatalogTables,
    private readonly reports: QualityReportsRepository,
    private readonly anomalies: QualityAnomaliesRepository,
    private readonly thresholds: AlertThresholdsRepository,
  ) {}

  /** The table's latest report with its anomalies, and the table's thresholds. */
  async table(tenantId: string, input: string) {
    const table = await this.tables.resolve(tenantId, input, 'table');
    const latest = await this.reports.latestForTable(tenantId, table);
    if (!latest) throw new NotFoundError('quality report');
    const [report] = await this.withAnomalies(tenantId, [latest]);
    return { table, report, thresholds: thresholdsView(table, await this.thresholds.forTable(tenantId, table)) };
  }

  async run(tenantId: string, runId: string) {
    const reports = await this.reports.forRun(tenantId, runId);
    if (reports.length === 0) throw new NotFoundError('quality report');
    return { runId, items: await this.withAnomalies(tenantId, reports) };
  }

  async trends(tenantId: string, input: string, days: number) {
    const table = await this.tables.resolve(tenantId, input, 'table');
    const since = new Date(Date.now() - days * DAY_MS);
    const points = await this.reports.trendPoints(tenantId, table, since);
    return { table, days, since, points, daily: dailyTrend(points) };
  }

  async recentAnomalies(tenantId: string, filter: { table?: string; days: number; limit: number }) {
    const table = filter.table === undefined ? null : await this.tables.resolve(tenantId, filter.table, 'table');
    const since = new Date(Date.now() - filter.days * DAY_MS);
    const items = await this.anomalies.recent(tenantId, { table, since, limit: filter.limit });
    return { table, days: filter.days, since, items: items.map(listedAnomalyView) };
  }

  private async withAnomalies(tenantId: string, reports: QualityReportRecord[]) {
    const anomalies = await this.anomalies.forReports(tenantId, reports.map((report) => report.id));
    return reports.map((report) => reportView(report, anomalies.get(report.id) ?? []));
  }
}

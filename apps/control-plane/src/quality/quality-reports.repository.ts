import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThanOrEqual, type EntityManager, type FindOptionsWhere, type Repository } from 'typeorm';
import type { EventData } from '@ade/contracts';
import type { AnomalyDetection, RunMetrics } from '@ade/quality-model';
import { assertTenantId, TenantScopedRepository } from '../database/tenant-scoped.repository';
import { QualityAnomalyRecord } from './quality-anomaly.entity';
import { QualityReportRecord } from './quality-report.entity';

export interface TrendPointRow {
  runId: string;
  measuredAt: Date;
  rows: { input: number; silver: number; quarantined: number; warned: number; repaired: number };
  scores: { completeness: number; validity: number; uniqueness: number; consistency: number; overall: number };
  anomalyCount: number;
}

/**
 * Quality reports, one per tenant, run and table. Writes take the caller's transaction and only
 * land for a run of the event's own tenant.
 */
@Injectable()
export class QualityReportsRepository extends TenantScopedRepository<QualityReportRecord> {
  constructor(@InjectRepository(QualityReportRecord) repository: Repository<QualityReportRecord>) {
    super(repository);
  }

  /**
   * Inserts the report, or replaces the stored one of the same run and table when this attempt is
   * the same or later. Returns the report id; null when the run is not the tenant's or a later
   * attempt's report is already stored.
   */
  async upsert(tx: EntityManager, event: EventData<'quality.measured'>): Promise<string | null> {
    assertTenantId(event.tenantId);
    const { report } = event;
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO quality_reports (id, tenant_id, run_id, pipeline_id, attempt, table_name, measured_at,
         rows_input, rows_silver, rows_quarantined, rows_warned, rows_repaired,
         score_completeness, score_validity, score_uniqueness, score_consistency, score_overall, report)
       SELECT $1, $2, r.id, (SELECT id FROM pipelines WHERE id = $4 AND tenant_id = $2), $5, $6, $7,
              $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18
       FROM pipeline_runs r WHERE r.id = $3 AND r.tenant_id = $2
       ON CONFLICT ON CONSTRAINT quality_reports_run_table_key DO UPDATE SET
         pipeline_id = EXCLUDED.pipeline_id, attempt = EXCLUDED.attempt, measured_at = EXCLUDED.measured_at,
         rows_input = EXCLUDED.rows_input, rows_silver = EXCLUDED.rows_silver, rows_quarantined = EXCLUDED.rows_quarantined,
         rows_warned = EXCLUDED.rows_warned, rows_repaired = EXCLUDED.rows_repaired,
         score_completeness = EXCLUDED.score_completeness, score_validity = EXCLUDED.score_validity,
         score_uniqueness = EXCLUDED.score_uniqueness, score_consistency = EXCLUDED.score_consistency,
         score_overall = EXCLUDED.score_overall, report = EXCLUDED.report, updated_at = now()
       WHERE quality_reports.attempt <= EXCLUDED.attempt
       RETURNING id`,
      [
        randomUUID(),
        event.tenantId,
        event.runId,
        event.pipelineId,
        event.attempt,
        report.table,
        event.at,
        report.rows.input,
        report.rows.silver,
        report.rows.quarantined,
        report.rows.warned,
        report.rows.repaired,
        report.scores.completeness,
        report.scores.validity,
        report.scores.uniqueness,
        report.scores.consistency,
        report.scores.overall,
        JSON.stringify(report),
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** The metrics of the table's runs measured before `before`, newest first, other runs only. */
  async history(tx: EntityManager, tenantId: string, table: string, before: string, runId: string, limit: number): Promise<RunMetrics[]> {
    assertTenantId(tenantId);
    const rows: Array<{ input: string; profile: RunMetrics['profile'] }> = await tx.query(
      `SELECT rows_input AS input, report -> 'profile' AS profile FROM quality_reports
       WHERE tenant_id = $1 AND table_name = $2 AND measured_at < $3 AND run_id <> $4
       ORDER BY measured_at DESC, id LIMIT $5`,
      [tenantId, table, before, runId, limit],
    );
    return rows.map((row) => ({ rows: { input: Number(row.input) }, profile: row.profile }));
  }

  /** The overall score of the table's run measured last before this one; null for its first run. */
  async previousOverall(tx: EntityManager, tenantId: string, table: string, before: string, runId: string): Promise<number | null> {
    assertTenantId(tenantId);
    const [row]: Array<{ overall: number }> = await tx.query(
      `SELECT score_overall AS overall FROM quality_reports
       WHERE tenant_id = $1 AND table_name = $2 AND measured_at < $3 AND run_id <> $4
       ORDER BY measured_at DESC, id LIMIT 1`,
      [tenantId, table, before, runId],
    );
    return row ? Number(row.overall) : null;
  }

  /** Replaces the report's anomaly checks and flagged anomalies with this detection's. */
  async saveAnalysis(tx: EntityManager, tenantId: string, reportId: string, event: EventData<'quality.measured'>, detection: AnomalyDetection): Promise<void> {
    assertTenantId(tenantId);
    await tx.query(
      `UPDATE quality_reports SET history_runs = $3, anomaly_checks = $4, anomaly_note = $5 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, reportId, detection.historyRuns, JSON.stringify(detection.checks), detection.note],
    );
    await tx.query(`DELETE FROM quality_anomalies WHERE tenant_id = $1 AND report_id = $2`, [tenantId, reportId]);
    for (const anomaly of detection.anomalies) {
      await tx.query(
        `INSERT INTO quality_anomalies (id, tenant_id, report_id, run_id, table_name, measured_at, kind, column_name, metric, score, value,
           baseline_median, baseline_mad, baseline_runs, message)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          randomUUID(),
          tenantId,
          reportId,
          event.runId,
          event.report.table,
          event.at,
          anomaly.kind,
          anomaly.column,
          anomaly.metric,
          anomaly.score,
          anomaly.value,
          anomaly.baseline.median,
          anomaly.baseline.mad,
          anomaly.baseline.runs,
          anomaly.message,
        ],
      );
    }
  }

  async latestForTable(tenantId: string, table: string): Promise<QualityReportRecord | null> {
    const [latest] = await this.find(tenantId, { where: { tableName: table }, order: { measuredAt: 'DESC', id: 'ASC' }, take: 1 });
    return latest ?? null;
  }

  /** The pipeline's newest reports first. */
  forPipeline(tenantId: string, pipelineId: string, limit: number): Promise<QualityReportRecord[]> {
    return this.find(tenantId, { where: { pipelineId }, order: { measuredAt: 'DESC', id: 'ASC' }, take: limit });
  }

  forRun(tenantId: string, runId: string): Promise<QualityReportRecord[]> {
    return this.find(tenantId, { where: { runId }, order: { tableName: 'ASC' } });
  }

  /** The table's runs measured since `since`, oldest first, with how many anomalies each had. */
  async trendPoints(tenantId: string, table: string, since: Date): Promise<TrendPointRow[]> {
    const rows: Array<Record<string, unknown>> = await this.query(tenantId,
      `SELECT q.run_id, q.measured_at, q.rows_input, q.rows_silver, q.rows_quarantined, q.rows_warned, q.rows_repaired,
              q.score_completeness, q.score_validity, q.score_uniqueness, q.score_consistency, q.score_overall,
              (SELECT count(*) FROM quality_anomalies a WHERE a.report_id = q.id)::int AS anomaly_count
       FROM quality_reports q
       WHERE q.tenant_id = $1 AND q.table_name = $2 AND q.measured_at >= $3
       ORDER BY q.measured_at, q.id`,
      [tenantId, table, since],
    );
    return rows.map((row) => ({
      runId: row['run_id'] as string,
      measuredAt: row['measured_at'] as Date,
      rows: {
        input: Number(row['rows_input']),
        silver: Number(row['rows_silver']),
        quarantined: Number(row['rows_quarantined']),
        warned: Number(row['rows_warned']),
        repaired: Number(row['rows_repaired']),
      },
      scores: {
        completeness: row['score_completeness'] as number,
        validity: row['score_validity'] as number,
        uniqueness: row['score_uniqueness'] as number,
        consistency: row['score_consistency'] as number,
        overall: row['score_overall'] as number,
      },
      anomalyCount: row['anomaly_count'] as number,
    }));
  }
}

@Injectable()
export class QualityAnomaliesRepository extends TenantScopedRepository<QualityAnomalyRecord> {
  constructor(@InjectRepository(QualityAnomalyRecord) repository: Repository<QualityAnomalyRecord>) {
    super(repository);
  }

  async forReports(tenantId: string, reportIds: string[]): Promise<Map<string, QualityAnomalyRecord[]>> {
    const byReport = new Map<string, QualityAnomalyRecord[]>(reportIds.map((id) => [id, []]));
    if (reportIds.length === 0) return byReport;
    const anomalies = await this.find(tenantId, { where: { reportId: In(reportIds) }, order: { score: 'DESC', id: 'ASC' } });
    for (const anomaly of anomalies) byReport.get(anomaly.reportId)?.push(anomaly);
    return byReport;
  }

  /** Newest first; the tenant's, or one table's. */
  recent(tenantId: string, filter: { table: string | null; since: Date; limit: number }): Promise<QualityAnomalyRecord[]> {
    const where: FindOptionsWhere<QualityAnomalyRecord> = { measuredAt: MoreThanOrEqual(filter.since), ...(filter.table ? { tableName: filter.table } : {}) };
    return this.find(tenantId, { where, order: { measuredAt: 'DESC', score: 'DESC', id: 'ASC' }, take: filter.limit });
  }
}

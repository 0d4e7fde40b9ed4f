import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { assertTenantId, TenantScopedRepository } from '../database/tenant-scoped.repository';
import { AlertThreshold } from './alert-threshold.entity';
import { Alert } from './alert.entity';
import { DEFAULT_THRESHOLDS, type Thresholds } from './alert-rules';

@Injectable()
export class AlertThresholdsRepository extends TenantScopedRepository<AlertThreshold> {
  constructor(@InjectRepository(AlertThreshold) repository: Repository<AlertThreshold>) {
    super(repository);
  }

  forTable(tenantId: string, table: string): Promise<AlertThreshold | null> {
    return this.findOne(tenantId, { tableName: table });
  }

  async forTableIn(tx: EntityManager, tenantId: string, table: string): Promise<Thresholds | null> {
    assertTenantId(tenantId);
    const [row]: Array<Thresholds> = await tx.query(
      `SELECT min_quality AS "minQuality", max_anomaly AS "maxAnomaly", max_drop AS "maxDrop" FROM alert_thresholds WHERE tenant_id = $1 AND table_name = $2`,
      [tenantId, table],
    );
    return row ?? null;
  }

  /**
   * Sets the given thresholds of the table (null turns one off) and keeps the others; a table's
   * first setting starts from the defaults, so naming one threshold leaves the others as they were.
   */
  async merge(tenantId: string, table: string, patch: Partial<Thresholds>): Promise<AlertThreshold> {
    await this.inScope(tenantId, (repository) => repository.query(
      `INSERT INTO alert_thresholds (id, tenant_id, table_name, min_quality, max_anomaly, max_drop)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT alert_thresholds_table_key DO UPDATE SET
         min_quality = CASE WHEN $7 THEN EXCLUDED.min_quality ELSE alert_thresholds.min_quality END,
         max_anomaly = CASE WHEN $8 THEN EXCLUDED.max_anomaly ELSE alert_thresholds.max_anomaly END,
         max_drop = CASE WHEN $9 THEN EXCLUDED.max_drop ELSE alert_thresholds.max_drop END,
         updated_at = now()`,
      [
        randomUUID(),
        tenantId,
        table,
        'minQuality' in patch ? patch.minQuality : DEFAULT_THRESHOLDS.minQuality,
        'maxAnomaly' in patch ? patch.maxAnomaly : DEFAULT_THRESHOLDS.maxAnomaly,
        'maxDrop' in patch ? patch.maxDrop : DEFAULT_THRESHOLDS.maxDrop,
        'minQuality' in patch,
        'maxAnomaly' in patch,
        'maxDrop' in patch,
      ],
    ));
    return (await this.forTable(tenantId, table))!;
  }
}

/** Alerts, deduplicated by key: a run raises each kind of alert for a table at most once. */
@Injectable()
export class AlertsRepository extends TenantScopedRepository<Alert> {
  constructor(@InjectRepository(Alert) repository: Repository<Alert>) {
    super(repository);
  }

  /** The alert as stored when it is new; null when its key already exists. */
  async createIfNew(tx: EntityManager, alert: Omit<Alert, 'id' | 'createdAt'>): Promise<Alert | null> {
    assertTenantId(alert.tenantId);
    const [row]: Array<{ id: string; pipelineId: string | null; createdAt: Date }> = await tx.query(
      `INSERT INTO alerts (id, tenant_id, table_name, run_id, pipeline_id, kind, detail, dedupe_key)
       SELECT $1, $2, $3, r.id, (SELECT id FROM pipelines WHERE id = $5 AND tenant_id = $2), $6, $7, $8
       FROM pipeline_runs r WHERE r.id = $4 AND r.tenant_id = $2
       ON CONFLICT ON CONSTRAINT alerts_dedupe_key DO NOTHING
       RETURNING id, pipeline_id AS "pipelineId", created_at AS "createdAt"`,
      [randomUUID(), alert.tenantId, alert.tableName, alert.runId, alert.pipelineId, alert.kind, JSON.stringify(alert.detail), alert.dedupeKey],
    );
    return row ? Object.assign(new Alert(), alert, row) : null;
  }

  /**
   * The alert for a session ended because one of its refresh tokens was presented twice; one per
   * session, however often the token is replayed. Null when it exists already.
   */
  async createForReusedSession(tx: EntityManager, tenantId: string, userId: string, sessionId: string): Promise<Alert | null> {
    assertTenantId(tenantId);
    const alert = { tenantId, tableName: null, runId: null, pipelineId: null, userId, kind: 'session_token_reused' as const, detail: {}, dedupeKey: `${tenantId}:session:${sessionId}:session_token_reused` };
    const [row]: Array<{ id: string; createdAt: Date }> = await tx.query(
      `INSERT INTO alerts (id, tenant_id, user_id, kind, detail, dedupe_key) VALUES ($1, $2, $3, $4, '{}', $5)
       ON CONFLICT ON CONSTRAINT alerts_dedupe_key DO NOTHING
       RETURNING id, created_at AS "createdAt"`,
      [randomUUID(), tenantId, userId, alert.kind, alert.dedupeKey],
    );
    return row ? Object.assign(new Alert(), alert, row) : null;
  }

  async idsForRun(tx: EntityManager, tenantId: string, runId: string, table: string): Promise<string[]> {
    assertTenantId(tenantId);
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM alerts WHERE tenant_id = $1 AND run_id = $2 AND table_name = $3`, [
      tenantId,
      runId,
      table,
    ]);
    return rows.map((row) => row.id);
  }

  recent(tenantId: string, filter: { table: string | null; limit: number }): Promise<Alert[]> {
    return this.find(tenantId, { where: filter.table ? { tableName: filter.table } : {}, order: { createdAt: 'DESC', id: 'ASC' }, take: filter.limit });
  }
}

import { Injectable } from '@nestjs/common';
import type { DriftChange, EventData, SchemaColumn } from '@ade/contracts';
import { DatabaseScope } from '../database/database-scope';

export interface DriftEventRow {
  runId: string;
  file: string;
  table: string;
  mode: string;
  decision: string;
  fingerprint: string;
  previousFingerprint: string | null;
  changes: DriftChange[];
  occurredAt: Date;
}

export interface SchemaVersionRow {
  fingerprint: string;
  columns: SchemaColumn[];
  firstRunId: string;
  firstSeenAt: Date;
}

/**
 * Drift reports and the schema fingerprints they carry. Writes are idempotent (a re-sent event
 * inserts nothing) and only land for a run and pipeline of the event's own tenant.
 */
@Injectable()
export class SchemaDriftRepository {
  constructor(private readonly scope: DatabaseScope) {}

  async record(event: EventData<'schema.drift'>): Promise<void> {
    const { report } = event;
    await this.scope.forTenant(event.tenantId, async (tx) => {
      const runs: unknown[] = await tx.query(`SELECT 1 FROM pipeline_runs WHERE id = $1 AND tenant_id = $2`, [event.runId, event.tenantId]);
      if (runs.length === 0) return;
      // A report without changes only registers a schema (a table's first file): no drift to list.
      if (report.changes.length > 0) {
        await tx.query(
          `INSERT INTO schema_drift_events (tenant_id, pipeline_id, run_id, file, table_name, mode, decision, fingerprint, previous_fingerprint, changes, occurred_at)
           VALUES ($1, (SELECT id FROM pipelines WHERE id = $2 AND tenant_id = $1), $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT ON CONSTRAINT schema_drift_events_once DO NOTHING`,
          [event.tenantId, event.pipelineId, event.runId, report.file, report.table, report.mode, report.decision, report.fingerprint, report.previousFingerprint, JSON.stringify(report.changes), event.at],
        );
      }
      if (report.decision === 'failed') return;
      await tx.query(
        `INSERT INTO schema_versions (tenant_id, pipeline_id, fingerprint, columns, first_run_id, first_seen_at)
         SELECT $1, id, $3, $4, $5, $6 FROM pipelines WHERE id = $2 AND tenant_id = $1
         ON CONFLICT (pipeline_id, fingerprint) DO NOTHING`,
        [event.tenantId, event.pipelineId, report.fingerprint, JSON.stringify(report.columns), event.runId, event.at],
      );
    });
  }

  async driftEvents(tenantId: string, pipelineId: string, limit: number): Promise<DriftEventRow[]> {
    return this.scope.forTenant(tenantId, (tx) => tx.query(
      `SELECT run_id AS "runId", file, table_name AS "table", mode, decision, fingerprint, previous_fingerprint AS "previousFingerprint",
              changes, occurred_at AS "occurredAt"
       FROM schema_drift_events WHERE tenant_id = $1 AND pipeline_id = $2 ORDER BY occurred_at DESC, id DESC LIMIT $3`,
      [tenantId, pipelineId, limit],
    ));
  }

  async versions(tenantId: string, pipelineId: string): Promise<SchemaVersionRow[]> {
    return this.scope.forTenant(tenantId, (tx) => tx.query(
      `SELECT fingerprint, columns, first_run_id AS "firstRunId", first_seen_at AS "firstSeenAt"
       FROM schema_versions WHERE tenant_id = $1 AND pipeline_id = $2 ORDER BY first_seen_at`,
      [tenantId, pipelineId],
    ));
  }
}

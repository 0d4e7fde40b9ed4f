import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { EventData } from '@ade/contracts';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { Incident } from './incident.entity';

export interface IncidentTally {
  total: number;
  resolved: number;
  unresolved: number;
  pending: number;
}

@Injectable()
export class IncidentsRepository extends TenantScopedRepository<Incident> {
  constructor(@InjectRepository(Incident) repository: Repository<Incident>) {
    super(repository);
  }

  /**
   * Idempotent: the incident id is the worker's, so a re-sent event inserts nothing. An incident
   * that arrives after its run has ended is settled at once, by the same rule as settleForRun.
   */
  async record(event: EventData<'incident.recorded'>): Promise<void> {
    await this.inScope(event.tenantId, (repository) => repository.query(
      `INSERT INTO incidents (id, tenant_id, run_id, pipeline_id, attempt, failure_class, error_code, error_message, action, file, occurred_at, outcome, settled_at)
       SELECT $1, $2, $3, p.id, $5, $6, $7, $8, $9, $10, $11,
              CASE WHEN r.status = 'succeeded' AND $9 NOT IN ('quarantine_file', 'reject_transaction_sets') THEN 'resolved'
                   WHEN r.status IN ('succeeded', 'failed') THEN 'unresolved' ELSE 'pending' END,
              CASE WHEN r.status IN ('succeeded', 'failed') THEN r.finished_at END
       FROM pipeline_runs r LEFT JOIN pipelines p ON p.id = $4 AND p.tenant_id = $2
       WHERE r.id = $3 AND r.tenant_id = $2
       ON CONFLICT (id) DO NOTHING`,
      [
        event.incidentId,
        event.tenantId,
        event.runId,
        event.pipelineId,
        event.attempt,
        event.failureClass,
        event.error.code,
        event.error.message,
        event.action,
        event.file,
        event.at,
      ],
    ));
  }

  /**
   * The run has ended: its open incidents were healed if it succeeded, and not if it failed. A
   * quarantined file (or an X12 file's rejected transaction sets) is never resolved by the run:
   * its rows did not land, and someone has to send a good file, so it stays unresolved however
   * the run ended.
   */
  async settleForRun(tenantId: string, runId: string, succeeded: boolean, at: string): Promise<void> {
    await this.inScope(tenantId, (repository) => repository.query(
      `UPDATE incidents SET outcome = CASE WHEN $3 AND action NOT IN ('quarantine_file', 'reject_transaction_sets') THEN 'resolved' ELSE 'unresolved' END, settled_at = $4
       WHERE tenant_id = $1 AND run_id = $2 AND outcome = 'pending'`,
      [tenantId, runId, succeeded, at],
    ));
  }

  async tally(tenantId: string, pipelineId: string | null): Promise<IncidentTally> {
    const [row] = await this.inScope(tenantId, (repository) => repository.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE outcome = 'resolved')::int AS resolved,
              count(*) FILTER (WHERE outcome = 'unresolved')::int AS unresolved,
              count(*) FILTER (WHERE outcome = 'pending')::int AS pending
       FROM incidents WHERE tenant_id = $1 AND ($2::uuid IS NULL OR pipeline_id = $2)`,
      [tenantId, pipelineId],
    ));
    return row as IncidentTally;
  }
}

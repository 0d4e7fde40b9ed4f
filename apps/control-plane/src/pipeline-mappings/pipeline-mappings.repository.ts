import { Injectable } from '@nestjs/common';
import type { AcceptedMapping, EventData, MappingProposalReport } from '@ade/contracts';
import { proposedColumns } from '@ade/healthcare';
import { DatabaseScope } from '../database/database-scope';

export interface AcceptedMappingRow extends AcceptedMapping {
  acceptedBy: string | null;
  acceptedAt: Date;
}

export interface ProposedMappingRow {
  runId: string;
  /** Every proposed column, sure or not: what accepting the proposal as it stands stores. */
  columns: Record<string, string>;
  proposal: MappingProposalReport;
  proposedAt: Date;
}

/**
 * Proposed and accepted column mappings of a pipeline. A proposal is recorded once per run (a
 * re-sent event inserts nothing) and only for a run and pipeline of the event's own tenant;
 * accepted versions are numbered per pipeline, and two acceptances racing for one number make
 * the second fail on the unique key rather than overwrite.
 */
@Injectable()
export class PipelineMappingsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  async recordProposal(event: EventData<'mapping.proposed'>): Promise<void> {
    const columns = proposedColumns(event.proposal.columns);
    await this.scope.forTenant(event.tenantId, (tx) =>
      tx.query(
        `INSERT INTO pipeline_mappings (tenant_id, pipeline_id, kind, columns, proposal, run_id, created_at)
         SELECT $1, p.id, 'proposed', $3, $4, r.id, $5 FROM pipelines p JOIN pipeline_runs r ON r.id = $6 AND r.tenant_id = $1
         WHERE p.id = $2 AND p.tenant_id = $1
         ON CONFLICT ON CONSTRAINT pipeline_mappings_run_key DO NOTHING`,
        [event.tenantId, event.pipelineId, JSON.stringify(columns), JSON.stringify(event.proposal), event.at, event.runId],
      ),
    );
  }

  async latestAccepted(tenantId: string, pipelineId: string): Promise<AcceptedMappingRow | null> {
    const rows: AcceptedMappingRow[] = await this.scope.forTenant(tenantId, (tx) =>
      tx.query(
        `SELECT version, columns, created_by AS "acceptedBy", created_at AS "acceptedAt" FROM pipeline_mappings
         WHERE tenant_id = $1 AND pipeline_id = $2 AND kind = 'accepted' ORDER BY version DESC LIMIT 1`,
        [tenantId, pipelineId],
      ),
    );
    return rows[0] ?? null;
  }

  async latestProposal(tenantId: string, pipelineId: string): Promise<ProposedMappingRow | null> {
    const rows: ProposedMappingRow[] = await this.scope.forTenant(tenantId, (tx) =>
      tx.query(
        `SELECT run_id AS "runId", columns, proposal, created_at AS "proposedAt" FROM pipeline_mappings
         WHERE tenant_id = $1 AND pipeline_id = $2 AND kind = 'proposed' ORDER BY created_at DESC, id DESC LIMIT 1`,
        [tenantId, pipelineId],
      ),
    );
    return rows[0] ?? null;
  }

  async versions(tenantId: string, pipelineId: string): Promise<AcceptedMappingRow[]> {
    return this.scope.forTenant(tenantId, (tx) =>
      tx.query(
        `SELECT version, columns, created_by AS "acceptedBy", created_at AS "acceptedAt" FROM pipeline_mappings
         WHERE tenant_id = $1 AND pipeline_id = $2 AND kind = 'accepted' ORDER BY version DESC`,
        [tenantId, pipelineId],
      ),
    );
  }

  /** Stores `columns` as the pipeline's next version and returns it. */
  async accept(tenantId: string, pipelineId: string, columns: Readonly<Record<string, string>>, acceptedBy: string): Promise<AcceptedMappingRow> {
    const rows: AcceptedMappingRow[] = await this.scope.forTenant(tenantId, (tx) =>
      tx.query(
        `INSERT INTO pipeline_mappings (tenant_id, pipeline_id, kind, version, columns, created_by)
         SELECT $1, $2, 'accepted', coalesce(max(version), 0) + 1, $3, $4 FROM pipeline_mappings WHERE tenant_id = $1 AND pipeline_id = $2 AND kind = 'accepted'
         RETURNING version, columns, created_by AS "acceptedBy", created_at AS "acceptedAt"`,
        [tenantId, pipelineId, JSON.stringify(columns), acceptedBy],
      ),
    );
    return rows[0]!;
  }
}

import { Injectable } from '@nestjs/common';
import type { AcceptedMapping } from '@ade/contracts';
import { canonicalSchema } from '@ade/healthcare';
import { ConflictError, InvalidFieldError } from '../common/app-error';
import { isUniqueViolation } from '../database/unique-violation';
import { PipelinesService } from '../pipelines/pipelines.service';
import { PipelineMappingsRepository, type AcceptedMappingRow, type ProposedMappingRow } from './pipeline-mappings.repository';

export interface PipelineMappingView {
  pipelineId: string;
  dataType: string;
  /** The version runs read files by; null until one is accepted. */
  accepted: AcceptedMappingRow | null;
  /** The newest proposal a run stopped with; null when none did. */
  proposal: ProposedMappingRow | null;
  versions: number[];
}

/**
 * Confirms how a pipeline's files map when the profiler was unsure: shows the newest proposal and
 * accepted version, accepts a proposal as it stands, or takes a person's edited mapping. Every
 * acceptance is a new version; runs read files by the newest.
 */
@Injectable()
export class PipelineMappingsService {
  constructor(
    private readonly mappings: PipelineMappingsRepository,
    private readonly pipelines: PipelinesService,
  ) {}

  async show(tenantId: string, pipelineId: string): Promise<PipelineMappingView> {
    const pipeline = await this.pipelines.get(tenantId, pipelineId);
    const [accepted, proposal, versions] = await Promise.all([
      this.mappings.latestAccepted(tenantId, pipelineId),
      this.mappings.latestProposal(tenantId, pipelineId),
      this.mappings.versions(tenantId, pipelineId),
    ]);
    return { pipelineId, dataType: pipeline.dataType, accepted, proposal, versions: versions.map((v) => v.version) };
  }

  /** The newest proposal, every column it proposed (sure or not), as the next version. */
  async acceptProposal(tenantId: string, pipelineId: string, acceptedBy: string): Promise<AcceptedMappingRow> {
    await this.pipelines.get(tenantId, pipelineId);
    const proposal = await this.mappings.latestProposal(tenantId, pipelineId);
    if (!proposal) throw new ConflictError('no run of this pipeline has proposed a mapping to accept');
    return this.store(tenantId, pipelineId, proposal.columns, acceptedBy);
  }

  async put(tenantId: string, pipelineId: string, columns: Readonly<Record<string, string>>, acceptedBy: string): Promise<AcceptedMappingRow> {
    const pipeline = await this.pipelines.get(tenantId, pipelineId);
    const known = new Set(canonicalSchema(pipeline.dataType).columns.map((column) => column.name));
    for (const canonical of Object.keys(columns)) {
      if (!known.has(canonical)) throw new InvalidFieldError(`columns.${canonical}`, `is not a ${pipeline.dataType} column`);
    }
    const bySource = new Map<string, string>();
    for (const [canonical, source] of Object.entries(columns)) {
      const other = bySource.get(source);
      if (other) throw new InvalidFieldError(`columns.${canonical}`, `'${source}' is already the source of ${other}`);
      bySource.set(source, canonical);
    }
    return this.store(tenantId, pipelineId, columns, acceptedBy);
  }

  /** What a run job carries: the newest accepted version, if any. */
  async forRun(tenantId: string, pipelineId: string): Promise<AcceptedMapping | undefined> {
    const accepted = await this.mappings.latestAccepted(tenantId, pipelineId);
    return accepted ? { version: accepted.version, columns: accepted.columns } : undefined;
  }

  private async store(tenantId: string, pipelineId: string, columns: Readonly<Record<string, string>>, acceptedBy: string): Promise<AcceptedMappingRow> {
    try {
      return await this.mappings.accept(tenantId, pipelineId, columns, acceptedBy);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('another version of this mapping was accepted at the same time; show it and try again');
      throw error;
    }
  }
}

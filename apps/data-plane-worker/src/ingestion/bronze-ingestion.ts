import type { PipelineOptions, SourceFormat, TableRef } from '@ade/contracts';
import type { SourceFile, TenantCatalog } from '@ade/lakehouse';

export interface IngestionCounts {
  rowsLoaded: number;
  filesLoaded: number;
  filesSkipped: number;
}

export interface IngestionRequest {
  pipelineId: string;
  runId: string;
  files: SourceFile[];
  source: { format: SourceFormat; options: PipelineOptions };
  table: TableRef;
}

/**
 * Lands files one by one, each in its own all-or-nothing write with its checkpoint. A file this
 * run already landed (an earlier delivery of the same job) counts as loaded; a file an earlier
 * run landed is skipped.
 */
export class BronzeIngestion {
  constructor(private readonly catalog: TenantCatalog) {}

  async ingest(request: IngestionRequest): Promise<IngestionCounts> {
    const counts: IngestionCounts = { rowsLoaded: 0, filesLoaded: 0, filesSkipped: 0 };
    for (const file of request.files) {
      const result = await this.catalog.ingestBronze({
        pipelineId: request.pipelineId,
        runId: request.runId,
        file,
        format: request.source.format,
        options: request.source.options,
        table: request.table,
      });
      if (result.outcome === 'already_ingested' && result.byRunId !== request.runId) {
        counts.filesSkipped += 1;
        continue;
      }
      counts.filesLoaded += 1;
      counts.rowsLoaded += result.rows;
    }
    return counts;
  }
}

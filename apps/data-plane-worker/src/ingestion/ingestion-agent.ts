import type { DataType, SourceFormat } from '@ade/contracts';
import type { BronzeIngestResult, SourceFile, TenantCatalog } from '@ade/lakehouse';
import { classifyFailure } from '../healing/failure-classifier';
import { decideHealing } from '../healing/healing-policy';
import type { IncidentReporter } from '../healing/incident-reporter';
import type { FileIngestion } from './file-ingestion';
import { stageX12, type StagedFile } from './x12-staging';

export interface IngestionCounts {
  rowsLoaded: number;
  filesLoaded: number;
  filesSkipped: number;
  filesQuarantined: number;
}

export interface AgentSettings {
  pipelineId: string;
  runId: string;
  format: SourceFormat;
  dataType: DataType;
  /** Worker-private scratch space (X12 staging). */
  scratchDir: string;
  attempt: number;
  maxAttempts: number;
}

/**
 * The ingestion agent's loop over a run's files. Each file lands on its own, all or nothing. A
 * file that cannot be read is quarantined (recorded in the catalog with its hash, skipped until it
 * changes) and the run goes on with the others; any other failure ends the run for the healing
 * policy to decide on. A file this run already landed (an earlier delivery of the same job)
 * counts as loaded; one an earlier run landed is skipped.
 */
export class IngestionAgent {
  /** Bytes of the source files this run read (loaded or quarantined) and skipped as landed by an earlier run. */
  readonly volume = { bytesRead: 0, bytesSkipped: 0 };

  constructor(
    private readonly catalog: TenantCatalog,
    private readonly files: FileIngestion,
    private readonly incidents: IncidentReporter,
    private readonly settings: AgentSettings,
  ) {}

  async ingest(sources: SourceFile[]): Promise<IngestionCounts> {
    const counts: IngestionCounts = { rowsLoaded: 0, filesLoaded: 0, filesSkipped: 0, filesQuarantined: 0 };
    const quarantined = new Map((await this.catalog.quarantinedFiles(this.settings.pipelineId)).map((entry) => [keyOf(entry), entry.runId]));
    for (const file of sources) {
      const quarantinedBy = quarantined.get(keyOf({ sourceFile: file.displayPath, contentHash: file.contentHash }));
      if (quarantinedBy !== undefined) {
        // An earlier delivery of this very run quarantined it: still this run's quarantine.
        if (quarantinedBy === this.settings.runId) counts.filesQuarantined += 1;
        else counts.filesSkipped += 1;
        continue;
      }
      try {
        const result = await this.ingestOne(file);
        if (result.outcome === 'already_ingested' && result.byRunId !== this.settings.runId) {
          counts.filesSkipped += 1;
          this.volume.bytesSkipped += file.sizeBytes;
          continue;
        }
        counts.filesLoaded += 1;
        counts.rowsLoaded += result.rows;
        this.volume.bytesRead += file.sizeBytes;
      } catch (error) {
        await this.quarantineOrRethrow(file, error);
        counts.filesQuarantined += 1;
        this.volume.bytesRead += file.sizeBytes;
      }
    }
    return counts;
  }

  private async ingestOne(file: SourceFile): Promise<BronzeIngestResult> {
    // Most files of a growing directory landed in earlier runs: skip them before reading (or
    // staging) them. The ingest checks again inside its transaction, so a race cannot double one.
    const landed = await this.catalog.findCheckpoint(this.settings.pipelineId, file);
    if (landed) return { outcome: 'already_ingested', ...landed };
    const staged: StagedFile = this.settings.format === 'x12' ? await stageX12(file, this.settings.scratchDir, this.settings.dataType) : { file, cleanup: async () => undefined };
    try {
      const result = await this.files.ingest(staged.file);
      // The claims of rejected transaction sets did not land: someone must send them again.
      if (staged.rejected && result.outcome !== 'already_ingested') {
        await this.incidents.report({ failureClass: 'data', failure: { code: 'source_unreadable', message: staged.rejected } }, 'reject_transaction_sets', file.displayPath);
      }
      return result;
    } finally {
      await staged.cleanup();
    }
  }

  private async quarantineOrRethrow(file: SourceFile, error: unknown): Promise<void> {
    const classified = classifyFailure(error);
    const decision = decideHealing(classified.failureClass, 'file', this.settings.attempt, this.settings.maxAttempts);
    if (decision.action !== 'quarantine_file') throw error;
    await this.catalog.quarantineFile({
      pipelineId: this.settings.pipelineId,
      runId: this.settings.runId,
      file,
      reason: classified.failure.message,
    });
    await this.incidents.report(classified, 'quarantine_file', file.displayPath);
  }
}

function keyOf(entry: { sourceFile: string; contentHash: string }): string {
  return `${entry.sourceFile}\u0000${entry.contentHash}`;
}

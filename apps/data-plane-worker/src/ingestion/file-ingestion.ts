import { formatTableName, type DriftReport, type PipelineOptions, type SchemaEvolutionMode, type TableRef, type TabularFormat } from '@ade/contracts';
import { LakehouseError, type BronzeIngestResult, type SourceFile, type TenantCatalog } from '@ade/lakehouse';
import { SchemaDriftError } from './schema-drift-error';
import { planSchemaEvolution } from './schema-drift';

export interface FileIngestionSettings {
  pipelineId: string;
  runId: string;
  table: TableRef;
  format: TabularFormat;
  options: PipelineOptions;
  mode: SchemaEvolutionMode;
  canonicalOf: (header: string) => string | null;
  onDrift: (report: DriftReport) => Promise<void>;
}

/** Another run may register a schema version between our plan and our write; then we plan again. */
const PLAN_ATTEMPTS = 3;

/**
 * Lands one file: infers its schema, plans against the table's registered schema under the
 * pipeline's evolution mode, and lands rows, evolution and checkpoint in one transaction. A drift
 * the mode refuses is reported and fails the file before anything is written.
 */
export class FileIngestion {
  constructor(
    private readonly catalog: TenantCatalog,
    private readonly settings: FileIngestionSettings,
  ) {}

  async ingest(file: SourceFile): Promise<BronzeIngestResult> {
    const { pipelineId, runId, table, format, options } = this.settings;
    for (let attempt = 1; ; attempt++) {
      const evolution = planSchemaEvolution({
        file: file.displayPath,
        table: formatTableName(table),
        mode: this.settings.mode,
        source: await this.catalog.inferSourceSchema({ path: file.path, displayPath: file.displayPath, format, options }),
        registered: await this.catalog.registeredSchema(table),
        canonicalOf: this.settings.canonicalOf,
      });
      if (evolution.failure) {
        if (evolution.report) await this.settings.onDrift(evolution.report);
        throw new SchemaDriftError(evolution.failure);
      }
      try {
        const result = await this.catalog.ingestBronze({ pipelineId, runId, file, format, options, table, plan: evolution.plan });
        if (result.outcome === 'loaded' && evolution.report) await this.settings.onDrift(evolution.report);
        return result;
      } catch (error) {
        if (!(error instanceof LakehouseError && error.kind === 'conflict') || attempt >= PLAN_ATTEMPTS) throw error;
      }
    }
  }
}

import { columnNameProblem, formatTableName, type DriftReport, type PipelineOptions, type SchemaColumn, type SchemaEvolutionMode, type TableRef, type TabularFormat } from '@ade/contracts';
import { looksLikeData } from '@ade/healthcare';
import { LakehouseError, type BronzeIngestResult, type SchemaInferenceRequest, type SourceFile, type TenantCatalog } from '@ade/lakehouse';
import { SchemaDriftError } from './schema-drift-error';
import { SourceError } from './source-error';
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

  /** For a CSV read with a header row: which of its names are also values of their own column (a headerless file's first record of names). */
  private async recurringNames(request: SchemaInferenceRequest, format: TabularFormat, options: PipelineOptions, source: readonly SchemaColumn[]): Promise<boolean[]> {
    if (format !== 'csv' || options.header === false) return [];
    const candidates = source.map((column) => column.name.trim().length >= MIN_RECURRING_NAME_LENGTH);
    const recurring = await this.catalog.namesAmongValues(request, source.map((column) => column.name));
    return recurring.map((found, i) => found && candidates[i]!);
  }

  async ingest(file: SourceFile): Promise<BronzeIngestResult> {
    const { pipelineId, runId, table, format, options } = this.settings;
    for (let attempt = 1; ; attempt++) {
      const request = { path: file.path, displayPath: file.displayPath, format, options };
      const source = await this.catalog.inferSourceSchema(request);
      assertHeaderNamesColumns(file, format, options, source, await this.recurringNames(request, format, options, source));
      const evolution = planSchemaEvolution({
        file: file.displayPath,
        table: formatTableName(table),
        mode: this.settings.mode,
        source,
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

/** Names shorter than this are not compared with their column's values: `Y`, `N`, `ID` recur as codes. */
const MIN_RECURRING_NAME_LENGTH = 3;

/**
 * Column names leave the data plane (schema versions, drift reports, mappings), so a name that
 * looks like a value (a number, a date, a long digit run such as an NPI or member id, an e-mail
 * address, a UUID: columnNameProblem in @ade/contracts) must not become one; nor, in a CSV read
 * with a header row, a name that recurs as a value in its own column (a member's name, a city). For
 * such a CSV this is a headerless file whose first record would become the header; any format
 * fails as unreadable, naming how many names look like values and never one of them.
 */
function assertHeaderNamesColumns(file: SourceFile, format: TabularFormat, options: PipelineOptions, source: readonly SchemaColumn[], recurring: readonly boolean[]): void {
  const headerRow = format === 'csv' && options.header !== false;
  const values = source.filter((column, i) => columnNameProblem(column.name) !== null || (headerRow && (looksLikeData(column.name) || recurring[i] === true))).length;
  if (values === 0) return;
  throw new SourceError(
    'source_unreadable',
    headerRow
      ? `${file.displayPath}: its first line holds values, not column names (${values} of ${source.length} cells are numbers, dates, identifiers or values that recur below them); add a header row, or set the pipeline's options.header to false`
      : `${file.displayPath}: ${values} of ${source.length} column names look like values (numbers, dates or identifiers); column names leave the data plane and values may not, so the file is not loaded`,
  );
}

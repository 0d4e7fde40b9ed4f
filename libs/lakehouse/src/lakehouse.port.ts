import type { PipelineOptions, SourceFormat, TableRef } from '@ade/contracts';

/** Which tenant's catalog to open, and the name it is mounted under (`<catalog>.<schema>.<table>`). */
export interface CatalogLocator {
  tenantId: string;
  catalogName: string;
}

export type SqlDialect = 'duckdb' | 'databricks';

/** A JSON-safe row: BIGINT and DECIMAL arrive as strings so no precision is lost. */
export type Row = Record<string, unknown>;

export interface SqlSession {
  readonly dialect: SqlDialect;
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  execute(sql: string): Promise<void>;
}

/** A file found in a pipeline's source, described well enough to checkpoint it. */
export interface SourceFile {
  /** Absolute path the engine can read. */
  path: string;
  /** How the pipeline names it (relative to its landing zone, or as configured); stored in `_source_file`. */
  displayPath: string;
  sizeBytes: number;
  modifiedAt: Date;
  /** SHA-256 of the content, hex. Same name + same hash = the same delivery. */
  contentHash: string;
}

export interface BronzeIngestRequest {
  pipelineId: string;
  runId: string;
  file: SourceFile;
  format: SourceFormat;
  options: PipelineOptions;
  table: TableRef;
}

export type BronzeIngestResult =
  | { outcome: 'loaded'; rows: number }
  /** The file was already landed (by this run on an earlier delivery of the job, or by another run). */
  | { outcome: 'already_ingested'; rows: number; byRunId: string };

/**
 * One tenant's catalog, opened for the duration of a job. Agents talk to this and never learn
 * whether DuckDB or Databricks sits behind it.
 */
export interface TenantCatalog extends SqlSession {
  readonly name: string;
  tableExists(table: TableRef): Promise<boolean>;
  countRows(table: TableRef): Promise<number>;
  /**
   * Lands one file in a bronze table, all or nothing: the rows and the file's checkpoint commit
   * together, so a retried or duplicated job never lands a file twice and a failed load leaves
   * no partial table behind.
   */
  ingestBronze(request: BronzeIngestRequest): Promise<BronzeIngestResult>;
  close(): Promise<void>;
}

/** The catalog port: one implementation per engine. */
export interface Lakehouse {
  /** Creates the catalog and its schemas (bronze, silver, gold, _system) if missing. Idempotent. */
  provision(locator: CatalogLocator): Promise<void>;
  /** Opens a provisioned catalog; refuses a catalog that belongs to another tenant. */
  open(locator: CatalogLocator): Promise<TenantCatalog>;
  shutdown(): Promise<void>;
}

export const LAKEHOUSE = Symbol('Lakehouse');

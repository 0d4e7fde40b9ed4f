import type { ComputeSpec, EngineKind, PipelineOptions, SchemaColumn, TabularFormat, TableRef } from '@ade/contracts';

/** Which tenant's catalog to open, and the name it is mounted under (`<catalog>.<schema>.<table>`). */
export interface CatalogLocator {
  tenantId: string;
  catalogName: string;
  /** The engine the catalog is on, as the job says; a lakehouse of one engine ignores it. Default: embedded. */
  engine?: EngineKind;
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

/** A file to infer column types from, read with the same reader options its ingest will use. */
export interface SchemaInferenceRequest {
  path: string;
  /** How errors name the file; defaults to the path's last segment. */
  displayPath?: string;
  format: TabularFormat;
  options: PipelineOptions;
}

/**
 * The type `inferSourceSchema` gives a column with no values in the sampled rows: it says nothing
 * about what the column holds, so it is never registered and never counts as a type change.
 */
export const NO_VALUES_TYPE = 'NULL';

/** One version of a bronze table's schema from `_system.schema_history`: logical types, not storage types. */
export interface RegisteredSchema {
  version: number;
  /** See `schemaFingerprint`. */
  fingerprint: string;
  columns: SchemaColumn[];
  runId: string;
  /** The file whose ingest registered this version. */
  sourceFile: string;
  recordedAt: Date;
}

/**
 * How one file's columns land, decided before the ingest (by the worker's drift planner). Every
 * file header appears in exactly one of `land`, `rescue` and `ignore`. Bronze columns stay VARCHAR
 * and hold the raw text; `type` is the column's registered logical type, used only to send values
 * that do not fit it to `_rescued_data`.
 */
export interface ColumnPlan {
  /** File header → bronze column (the same name, or the existing column a renamed header is recognised as). */
  land: Array<{ source: string; column: string; type: string }>;
  /** Columns to add to the table (as VARCHAR) before landing; one the table already has is left as it is. */
  add: Array<{ column: string }>;
  /** File headers whose values go to `_rescued_data`. */
  rescue: string[];
  /** File headers dropped on purpose. */
  ignore: string[];
  /** The table's schema after this file; registered as a new version when its fingerprint is new. */
  schema: { fingerprint: string; columns: SchemaColumn[] };
  /**
   * The registered version the plan was made from (0: none). When given, the ingest refuses with
   * a `conflict` if another run registered a newer version in between, so a stale plan never
   * lands; the caller plans again.
   */
  basedOnVersion?: number;
}

export interface BronzeIngestRequest {
  pipelineId: string;
  runId: string;
  file: SourceFile;
  format: TabularFormat;
  options: PipelineOptions;
  table: TableRef;
  /** Without a plan, columns land by name as they come and no schema version is recorded. */
  plan?: ColumnPlan;
}

/** A file a run could not read, kept aside until its content changes. */
export interface QuarantinedFile {
  sourceFile: string;
  contentHash: string;
  runId: string;
  reason: string;
  quarantinedAt: Date;
}

export type BronzeIngestResult =
  | { outcome: 'loaded'; rows: number }
  /** The file was already landed (by this run on an earlier delivery of the job, or by another run). */
  | { outcome: 'already_ingested'; rows: number; byRunId: string };

/** A table written out to a local file for an export. */
export interface TableExportRequest {
  table: TableRef;
  /** One boolean expression over the table's columns, in the expectation vocabulary (checked again here), or null for every row. */
  where: string | null;
  format: 'parquet' | 'csv';
  /** A local path the engine writes (the job's scratch space). */
  target: string;
}

export interface TableExportResult {
  rows: number;
  columns: Array<{ name: string; type: string }>;
}

/** What a catalog holds, for its health check: names, columns, counts and times, never a value. */
export interface CatalogInventory {
  schemas: string[];
  tables: Array<{ table: TableRef; columns: string[]; rows: number; lastWriteAt: Date | null }>;
}

/** The columns governance looks after, by name (the caller's healthcare vocabulary, lower case). */
export interface GovernedColumns {
  /** Columns that hold PHI in any table but the platform's own: tagged. */
  phi: ReadonlySet<string>;
  /** Member identifiers and names in silver and gold: masked from readers without PHI access. */
  masked: ReadonlySet<string>;
}

/** What an engine with governance (Unity Catalog's tags, masks and grants) finds missing: names only. */
export interface CatalogGovernance {
  /** `catalog.schema.table.column` of PHI columns without the PHI tag. */
  untaggedPhiColumns: string[];
  /** `catalog.schema.table.column` of masked-name columns in silver and gold without the PHI mask. */
  unmaskedPhiColumns: string[];
  /** Whether the PHI mask lets through exactly the platform's principal and the PHI reader groups. */
  phiMask: 'current' | 'stale' | 'missing';
  /** The GRANT statements the tenant's reader groups still need. */
  missingGrants: string[];
}

/**
 * Public reference data (a code set the healthcare rules join), as a CSV the worker wrote: a
 * header row, then values, `"` quoting with `""` for a quote. Never tenant data.
 */
export interface ReferenceTableFile {
  /** An SQL identifier, e.g. `icd10cm_validity`. */
  name: string;
  /** A hex digest of the file: the same content is loaded once. */
  contentHash: string;
  path: string;
  columns: ReadonlyArray<{ name: string; type: 'VARCHAR' | 'DATE' }>;
}

/**
 * One tenant's catalog, opened for the duration of a job. Agents talk to this and never learn
 * whether DuckDB or Databricks sits behind it.
 */
export interface TenantCatalog extends SqlSession {
  readonly name: string;
  tableExists(table: TableRef): Promise<boolean>;
  countRows(table: TableRef): Promise<number>;
  /**
   * The compute statements run on, for pricing: a Databricks warehouse's or cluster's spec as the
   * workspace's system tables describe it; null on the embedded engine, or where the workspace
   * does not let the catalog's principal read them.
   */
  describeCompute(): Promise<ComputeSpec | null>;
  /**
   * Makes a reference table readable by this session's statements and returns their name for it:
   * a temp table of the session on the embedded engine, a Delta table in `_system` named with the
   * content hash on Databricks (loaded once, by the first session that needs that content).
   */
  referenceTable(file: ReferenceTableFile): Promise<string>;
  /**
   * The file's columns with the types the engine infers from a sample of its rows (CSV and NDJSON)
   * or reads from its metadata (Parquet). A type the sampled values do not all fit is reported as
   * VARCHAR; a column with no values in the sample as NO_VALUES_TYPE. Errors name the file, never
   * a row value.
   */
  inferSourceSchema(file: SchemaInferenceRequest): Promise<SchemaColumn[]>;
  /**
   * Per column (by name, as inferSourceSchema names them), whether the name is also one of the
   * file's first values in that column, ignoring case: how a headerless file's first record of
   * names (which recur below it) is told from a header. Booleans only: no value leaves the engine.
   */
  namesAmongValues(file: SchemaInferenceRequest, columns: readonly string[]): Promise<boolean[]>;
  /** The latest registered schema of a table, or null when none was ever registered. */
  registeredSchema(table: TableRef): Promise<RegisteredSchema | null>;
  /**
   * Lands one file in a bronze table, all or nothing: the rows and the file's checkpoint commit
   * together, so a retried or duplicated job never lands a file twice and a failed load leaves
   * no partial table behind. With a plan, the added columns, the rows, the new schema version
   * and the checkpoint commit together.
   */
  ingestBronze(request: BronzeIngestRequest): Promise<BronzeIngestResult>;
  /**
   * The checkpoint of this delivery of a file, if it landed already: a cheap look before the work
   * of reading it. ingestBronze checks again inside its transaction, so a race cannot double it.
   */
  findCheckpoint(pipelineId: string, file: SourceFile): Promise<{ rows: number; byRunId: string } | null>;
  /** Records that this delivery of a file could not be read; later runs skip it until it changes. */
  quarantineFile(entry: { pipelineId: string; runId: string; file: SourceFile; reason: string }): Promise<void>;
  quarantinedFiles(pipelineId: string): Promise<QuarantinedFile[]>;
  /** Its schemas and tables, each table's columns, row count and last write (from the catalog's lineage). */
  inventory(): Promise<CatalogInventory>;
  /**
   * Writes a table's rows to a local file, streamed by the engine. The filter may name only the
   * table's own columns; anything else, or a table that does not exist, is a ContractViolation or
   * a LakehouseError naming the table, never a row value.
   */
  exportTable(request: TableExportRequest): Promise<TableExportResult>;
  /**
   * On an engine with tags, masks and grants: what of the catalog's governance is missing (PHI
   * tags, PHI masks, the reader groups' grants), after applying all of it when `apply`. Null on an
   * engine without them (the embedded one).
   */
  govern(columns: GovernedColumns, apply: boolean): Promise<CatalogGovernance | null>;
  /** Trades speed for memory until this session closes (after a resource failure). */
  reduceParallelism(): Promise<void>;
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

import type { CatalogAccess, ComputeSpec, SchemaColumn, TableRef } from '@ade/contracts';
import { SessionCalls } from '../landing/session-calls';
import { quarantinedFileOf } from '../landing/system-records';
import { assertTableInCatalog } from '../landing/table-ref';
import type {
  BronzeIngestRequest,
  BronzeIngestResult,
  CatalogGovernance,
  CatalogInventory,
  GovernedColumns,
  QuarantinedFile,
  ReferenceTableFile,
  RegisteredSchema,
  Row,
  SchemaInferenceRequest,
  SourceFile,
  TableExportRequest,
  TableExportResult,
  TenantCatalog,
} from '../lakehouse.port';
import { ingestBronze } from './bronze-ingest';
import { computeSpecOf, computeSpecSql } from './compute-spec';
import { catalogFailure } from './driver-error';
import { governCatalog } from './governance';
import { catalogInventory } from './inventory';
import { loadReferenceTable } from './reference-table';
import { latestRegisteredSchema } from './schema-history';
import { inferSourceSchema, namesAmongValues } from './source-reader';
import { countRowsSql, findCheckpointSql, mergeQuarantineSql, quarantinedFilesSql } from './spark-sql';
import { tableExists } from './table-exists';
import type { SqlDriverSession } from './sql-driver';
import { StatementRunner } from './statement-runner';
import { exportTable } from './table-export';

export interface DatabricksSessionSettings {
  statementTimeoutSeconds: number;
  /** See IngestSettings.abandonedAfterSeconds. */
  abandonedAfterSeconds: number;
  /** The tenant's reader groups, granted by govern(). */
  access: CatalogAccess;
  /** The warehouse or cluster the session's statements run on (from the HTTP path); null when unknown. */
  compute: { kind: 'warehouse' | 'cluster'; id: string } | null;
  now(): Date;
  onClose(): void;
}

/**
 * One job's session on a tenant's Unity Catalog catalog: one driver session whose initial catalog
 * is the tenant's, so no statement names (or can reach) another catalog. Calls run one after
 * another, as on the embedded engine; closing cancels the statement in flight.
 */
export class DatabricksTenantCatalog implements TenantCatalog {
  readonly dialect = 'databricks' as const;
  readonly #runner: StatementRunner;
  readonly #calls: SessionCalls;

  constructor(
    readonly name: string,
    private readonly session: SqlDriverSession,
    private readonly settings: DatabricksSessionSettings,
  ) {
    this.#runner = new StatementRunner(session, settings.statementTimeoutSeconds);
    this.#calls = new SessionCalls(name);
  }

  query<T extends Row = Row>(sql: string): Promise<T[]> {
    return this.#serial(() => this.#statement(() => this.#runner.rows<T>(sql)));
  }

  execute(sql: string): Promise<void> {
    return this.#serial(() => this.#statement(async () => void (await this.#runner.rows(sql))));
  }

  referenceTable(file: ReferenceTableFile): Promise<string> {
    return this.#serial(() => this.#statement(() => loadReferenceTable(this.#runner, this.name, file)));
  }

  tableExists(table: TableRef): Promise<boolean> {
    return this.#serial(async () => {
      assertTableInCatalog(table, this.name);
      return this.#statement(() => tableExists(this.#runner, table));
    });
  }

  countRows(table: TableRef): Promise<number> {
    return this.#serial(async () => {
      assertTableInCatalog(table, this.name);
      return this.#statement(async () => Number((await this.#runner.first(countRowsSql(table)))?.['n'] ?? 0));
    });
  }

  /** Read from the system tables; a workspace that does not let the principal read them gives null, never a failed run. */
  describeCompute(): Promise<ComputeSpec | null> {
    const compute = this.settings.compute;
    if (!compute) return Promise.resolve(null);
    return this.#serial(async () => {
      try {
        return computeSpecOf(compute.kind, await this.#runner.first(computeSpecSql(compute)));
      } catch {
        return null;
      }
    });
  }

  inferSourceSchema(file: SchemaInferenceRequest): Promise<SchemaColumn[]> {
    return this.#serial(() => inferSourceSchema(this.#runner, this.name, file));
  }

  namesAmongValues(file: SchemaInferenceRequest, columns: readonly string[]): Promise<boolean[]> {
    return this.#serial(() => namesAmongValues(this.#runner, this.name, file, columns));
  }

  registeredSchema(table: TableRef): Promise<RegisteredSchema | null> {
    return this.#serial(async () => {
      assertTableInCatalog(table, this.name);
      return this.#statement(() => latestRegisteredSchema(this.#runner, table));
    });
  }

  ingestBronze(request: BronzeIngestRequest): Promise<BronzeIngestResult> {
    const settings = { catalogName: this.name, abandonedAfterSeconds: this.settings.abandonedAfterSeconds, now: this.settings.now };
    return this.#serial(() => ingestBronze(this.#runner, settings, request));
  }

  findCheckpoint(pipelineId: string, file: SourceFile): Promise<{ rows: number; byRunId: string } | null> {
    return this.#serial(() =>
      this.#statement(async () => {
        const landed = await this.#runner.first(findCheckpointSql({ pipelineId, sourceFile: file.displayPath, contentHash: file.contentHash }));
        return landed ? { rows: Number(landed['row_count']), byRunId: String(landed['run_id']) } : null;
      }),
    );
  }

  quarantineFile({ pipelineId, runId, file, reason }: { pipelineId: string; runId: string; file: SourceFile; reason: string }): Promise<void> {
    const entry = { pipelineId, runId, reason, sourceFile: file.displayPath, contentHash: file.contentHash };
    return this.#serial(() => this.#statement(async () => void (await this.#runner.rows(mergeQuarantineSql(entry)))));
  }

  quarantinedFiles(pipelineId: string): Promise<QuarantinedFile[]> {
    return this.#serial(() =>
      this.#statement(async () =>
        (await this.#runner.rows(quarantinedFilesSql(pipelineId))).map((row) => quarantinedFileOf(row, new Date(Number(row['quarantined_at_ms'])))),
      ),
    );
  }

  inventory(): Promise<CatalogInventory> {
    return this.#serial(() => this.#statement(() => catalogInventory(this.#runner, this.name)));
  }

  exportTable(request: TableExportRequest): Promise<TableExportResult> {
    return this.#serial(async () => {
      assertTableInCatalog(request.table, this.name);
      return this.#statement(() => exportTable(this.#runner, this.name, request));
    });
  }

  govern(columns: GovernedColumns, apply: boolean): Promise<CatalogGovernance | null> {
    return this.#serial(() => this.#statement(() => governCatalog(this.#runner, this.name, this.settings.access, columns, apply)));
  }

  /** The warehouse or cluster scales itself; there is no per-session setting that trades speed for memory. */
  reduceParallelism(): Promise<void> {
    return this.#serial(async () => undefined);
  }

  /** Cancels the statement in flight (the job stopped), waits for its call to end, then closes the driver session. */
  close(): Promise<void> {
    return this.#calls.end(
      async () => {
        await this.session.close().catch(() => undefined);
        this.settings.onClose();
      },
      () => this.#runner.cancel(),
    );
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    return this.#calls.run(work);
  }

  /** Messages that may quote values are withheld; the error class and SQLSTATE say what went wrong. */
  async #statement<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw catalogFailure(error, `statement on catalog '${this.name}'`);
    }
  }
}

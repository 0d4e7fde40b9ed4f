import type { DuckDBConnection } from '@duckdb/node-api';
import { formatTableName, type SchemaColumn, type TableRef } from '@ade/contracts';
import { LakehouseError } from '../errors';
import { vettedExportCondition } from '../landing/export-filter';
import { SessionCalls } from '../landing/session-calls';
import { quarantinedFileOf } from '../landing/system-records';
import type {
  BronzeIngestRequest,
  BronzeIngestResult,
  CatalogGovernance,
  CatalogInventory,
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
import { ingestBronze, type BeforeIngestCommit } from './bronze-ingest';
import { engineErrorFacts, redactedEngineError } from './engine-error';
import { latestRegisteredSchema } from './schema-history';
import { inferSourceSchema, namesAmongValues } from './source-schema';
import {
  countRowsSql,
  describeTableSql,
  exportTableSql,
  findCheckpointSql,
  insertQuarantineSql,
  lastWritesSql,
  loadReferenceTableSql,
  quarantinedFilesSql,
  referenceTableName,
  resetThreadsSql,
  schemasSql,
  singleThreadSql,
  tableExistsSql,
  tablesWithColumnsSql,
} from './sql';
import { assertTableInCatalog } from '../landing/table-ref';
import { quoteColumnName } from './sql';
import { selectRows } from './transaction';

/** What a session shares with the other sessions of its lakehouse. */
export interface SessionHooks {
  /**
   * Runs ingests into one table one at a time across sessions. DuckDB reports a CREATE TABLE
   * race as soon as the loser tries, while the winner is still loading, so retrying cannot fix
   * it; waiting can. The file lock means every writer of a catalog is in this process.
   */
  serializeIngest<T>(table: TableRef, work: () => Promise<T>): Promise<T>;
  onClose(): void;
  /** Test seam only; see DuckDbLakehouseOptions.beforeIngestCommit. */
  beforeIngestCommit?: BeforeIngestCommit;
}

const standaloneHooks: SessionHooks = { serializeIngest: (_table, work) => work(), onClose: () => undefined };

/**
 * One job's session on a tenant's catalog: a single DuckDB connection. Calls are queued one
 * after another because a connection carries one transaction, and an ingest's BEGIN..COMMIT
 * must not interleave with another call on the same session.
 */
export class DuckDbTenantCatalog implements TenantCatalog {
  readonly dialect = 'duckdb' as const;
  readonly #calls: SessionCalls;
  #reduced = false;

  constructor(
    readonly name: string,
    private readonly connection: DuckDBConnection,
    private readonly hooks: SessionHooks = standaloneHooks,
  ) {
    this.#calls = new SessionCalls(name);
  }

  query<T extends Row = Row>(sql: string): Promise<T[]> {
    return this.#serial(() => this.#statement(async () => (await selectRows(this.connection, sql)) as T[]));
  }

  execute(sql: string): Promise<void> {
    return this.#serial(() => this.#statement(async () => void (await this.connection.run(sql))));
  }

  referenceTable(file: ReferenceTableFile): Promise<string> {
    return this.#serial(() =>
      this.#statement(async () => {
        await this.connection.run(loadReferenceTableSql(file));
        return referenceTableName(file);
      }),
    );
  }

  tableExists(table: TableRef): Promise<boolean> {
    return this.#serial(async () => {
      assertTableInCatalog(table, this.name);
      const [row] = await selectRows(this.connection, tableExistsSql(table));
      return Number(row?.['n'] ?? 0) > 0;
    });
  }

  /** The embedded engine runs on the worker itself: its cost is the worker's CPU, measured there. */
  describeCompute(): Promise<null> {
    return Promise.resolve(null);
  }

  countRows(table: TableRef): Promise<number> {
    return this.#serial(async () => {
      assertTableInCatalog(table, this.name);
      return this.#statement(async () => {
        const [row] = await selectRows(this.connection, countRowsSql(table));
        return Number(row?.['n'] ?? 0);
      });
    });
  }

  inferSourceSchema(file: SchemaInferenceRequest): Promise<SchemaColumn[]> {
    return this.#serial(() => inferSourceSchema(this.connection, file));
  }

  namesAmongValues(file: SchemaInferenceRequest, columns: readonly string[]): Promise<boolean[]> {
    return this.#serial(() => namesAmongValues(this.connection, file, columns));
  }

  registeredSchema(table: TableRef): Promise<RegisteredSchema | null> {
    return this.#serial(async () => {
      assertTableInCatalog(table, this.name);
      return this.#statement(() => latestRegisteredSchema(this.connection, table));
    });
  }

  ingestBronze(request: BronzeIngestRequest): Promise<BronzeIngestResult> {
    return this.#serial(() => this.hooks.serializeIngest(request.table, () => ingestBronze(this.connection, this.name, request, this.hooks.beforeIngestCommit)));
  }

  findCheckpoint(pipelineId: string, file: SourceFile): Promise<{ rows: number; byRunId: string } | null> {
    return this.#serial(() =>
      this.#statement(async () => {
        const key = { pipelineId, sourceFile: file.displayPath, contentHash: file.contentHash };
        const [landed] = await selectRows(this.connection, findCheckpointSql(this.name, key));
        return landed ? { rows: Number(landed['row_count']), byRunId: String(landed['run_id']) } : null;
      }),
    );
  }

  quarantineFile(entry: { pipelineId: string; runId: string; file: SourceFile; reason: string }): Promise<void> {
    const { pipelineId, runId, file, reason } = entry;
    return this.#serial(() =>
      this.#statement(async () => {
        await this.connection.run(insertQuarantineSql(this.name, { pipelineId, runId, reason, sourceFile: file.displayPath, contentHash: file.contentHash }));
      }),
    );
  }

  quarantinedFiles(pipelineId: string): Promise<QuarantinedFile[]> {
    return this.#serial(() =>
      this.#statement(async () =>
        (await selectRows(this.connection, quarantinedFilesSql(this.name, pipelineId))).map((row) => quarantinedFileOf(row, new Date(String(row['quarantined_at'])))),
      ),
    );
  }

  inventory(): Promise<CatalogInventory> {
    return this.#serial(() =>
      this.#statement(async () => {
        const schemas = (await selectRows(this.connection, schemasSql(this.name))).map((row) => String(row['schema_name']));
        const lastWrites = new Map(
          schemas.includes('_system')
            ? (await selectRows(this.connection, lastWritesSql(this.name))).map((row) => [String(row['target']), row['last_write'] === null ? null : new Date(String(row['last_write']))])
            : [],
        );
        const tables: CatalogInventory['tables'] = [];
        for (const row of await selectRows(this.connection, tablesWithColumnsSql(this.name))) {
          const table = { catalog: this.name, schema: String(row['schema_name']), table: String(row['table_name']) };
          const [counted] = await selectRows(this.connection, countRowsSql(table));
          const name = `${table.catalog}.${table.schema}.${table.table}`;
          tables.push({ table, columns: (row['columns'] as unknown[]).map(String), rows: Number(counted?.['n'] ?? 0), lastWriteAt: lastWrites.get(name) ?? null });
        }
        return { schemas, tables };
      }),
    );
  }

  exportTable({ table, where, format, target }: TableExportRequest): Promise<TableExportResult> {
    return this.#serial(async () => {
      assertTableInCatalog(table, this.name);
      const [exists] = await selectRows(this.connection, tableExistsSql(table));
      if (Number(exists?.['n'] ?? 0) === 0) throw new LakehouseError('source_not_found', `table ${formatTableName(table)} does not exist`);
      const columns = await this.#statement(async () =>
        (await selectRows(this.connection, describeTableSql(table))).map((row) => ({ name: String(row['column_name']), type: String(row['column_type']) })),
      );
      const condition = where === null ? null : vettedExportCondition(where, columns.map((c) => c.name), table, quoteColumnName, 'duckdb');
      const rows = await this.#statement(async () => (await this.connection.run(exportTableSql(table, condition, format, target))).rowsChanged);
      return { rows, columns };
    });
  }

  /** DuckDB has no column tags, masks or grants: PHI is governed by the data plane's boundary alone. */
  govern(): Promise<CatalogGovernance | null> {
    return this.#serial(async () => null);
  }

  reduceParallelism(): Promise<void> {
    return this.#serial(async () => {
      await this.connection.run(singleThreadSql());
      this.#reduced = true;
    });
  }

  /** Disconnects this session only; the tenant's instance and its files stay open for others. */
  close(): Promise<void> {
    return this.#calls.end(async () => {
      if (this.#reduced) await this.connection.run(resetThreadsSql()).catch(() => undefined);
      this.connection.disconnectSync();
      this.hooks.onClose();
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    return this.#calls.run(work);
  }

  /** Caller-written SQL: conflicts become retryable errors; messages that may quote rows are withheld. */
  async #statement<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (engineErrorFacts(error).writeConflict) {
        throw new LakehouseError('conflict', `a concurrent transaction wrote to catalog '${this.name}'; retry the statement`);
      }
      throw redactedEngineError(error, `statement on catalog '${this.name}' failed`);
    }
  }
}

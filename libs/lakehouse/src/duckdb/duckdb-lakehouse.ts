import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { formatTableName } from '@ade/contracts';
import { LakehouseError } from '../errors';
import type { CatalogLocator, Lakehouse, TenantCatalog } from '../lakehouse.port';
import { prepareCatalog, type LayoutMode } from './catalog-layout';
import { catalogFilePath, tenantDirectory } from './catalog-path';
import type { BeforeIngestCommit } from './bronze-ingest';
import { DuckDbTenantCatalog } from './duckdb-tenant-catalog';
import { engineErrorFacts } from './engine-error';
import { KeyedLock } from './keyed-lock';
import { TenantInstances } from './tenant-instances';

export type { BeforeIngestCommit, UncommittedIngest } from './bronze-ingest';

export interface DuckDbLakehouseOptions {
  /** Catalog files live under `<dataDir>/tenants/<tenantId>/<catalogName>.duckdb`. */
  dataDir: string;
  /** Per tenant instance; DuckDB's default is one per core. */
  threads?: number;
  /**
   * Per tenant instance, in DuckDB syntax (e.g. '1GB'); DuckDB's default is 80% of RAM. Past it
   * the instance spills to `<spillDir>/<tenantId>` instead of growing.
   */
  memoryLimit?: string;
  /** Spill files of tenant instances; default `<dataDir>/spill`. */
  spillDir?: string;
  /**
   * Close a tenant's instance (and release its catalog files' locks) once it has had no open
   * session for this long. A pooled worker then holds files only while it works on them, so
   * memory stays bounded over many tenants and other processes (a backup, an operator's DuckDB
   * shell, another worker) can take their turn. Unset: instances stay open until shutdown.
   */
  idleCloseMs?: number;
  /**
   * TEST SEAM, never set in production: awaited inside every bronze ingest's transaction once
   * its rows, schema version and checkpoint are written, right before COMMIT. Crash tests use it
   * to stop a worker at a moment when a write is provably in progress (see the worker's
   * WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT). Unset: nothing is called.
   */
  beforeIngestCommit?: BeforeIngestCommit;
}

/** The embedded catalog: one DuckDB file per tenant catalog, one in-memory instance per tenant. */
export class DuckDbLakehouse implements Lakehouse {
  readonly #instances: TenantInstances;
  readonly #sessions = new Set<DuckDbTenantCatalog>();
  /** Serializes layout work per catalog and ingests per table, across this lakehouse's sessions. */
  readonly #locks = new KeyedLock();
  /** Open sessions per tenant, and the pending idle close of tenants that have none. */
  readonly #openSessions = new Map<string, number>();
  readonly #idleTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: DuckDbLakehouseOptions) {
    this.#instances = new TenantInstances({
      threads: options.threads,
      memoryLimit: options.memoryLimit,
      spillDir: options.spillDir ?? join(options.dataDir, 'spill'),
    });
  }

  async provision(locator: CatalogLocator): Promise<void> {
    const filePath = catalogFilePath(this.options.dataDir, locator);
    await mkdir(tenantDirectory(this.options.dataDir, locator.tenantId), { recursive: true });
    this.#sessionOpened(locator.tenantId);
    try {
      const connection = await this.#prepared(locator, filePath, 'provision');
      connection.disconnectSync();
    } finally {
      this.#sessionClosed(locator.tenantId);
    }
  }

  async open(locator: CatalogLocator): Promise<TenantCatalog> {
    const filePath = catalogFilePath(this.options.dataDir, locator);
    // Attaching would create an empty file; a catalog is only ever created by provision().
    if (!(await exists(filePath))) {
      throw new LakehouseError('catalog_unavailable', `catalog '${locator.catalogName}' of tenant ${locator.tenantId} is not provisioned`);
    }
    this.#sessionOpened(locator.tenantId);
    let connection: DuckDBConnection;
    try {
      connection = await this.#prepared(locator, filePath, 'open');
    } catch (error) {
      this.#sessionClosed(locator.tenantId);
      throw error;
    }
    const session: DuckDbTenantCatalog = new DuckDbTenantCatalog(locator.catalogName, connection, {
      serializeIngest: (table, work) => this.#locks.run(`${locator.tenantId}/${formatTableName(table)}`, work),
      beforeIngestCommit: this.options.beforeIngestCommit,
      onClose: () => {
        this.#sessions.delete(session);
        this.#sessionClosed(locator.tenantId);
      },
    });
    this.#sessions.add(session);
    return session;
  }

  /** Ends open sessions, then detaches (checkpointing) every file and closes every instance. */
  async shutdown(): Promise<void> {
    await Promise.allSettled([...this.#sessions].map((session) => session.close()));
    for (const timer of this.#idleTimers.values()) clearTimeout(timer);
    this.#idleTimers.clear();
    await this.#instances.closeAll();
  }

  #sessionOpened(tenantId: string): void {
    clearTimeout(this.#idleTimers.get(tenantId));
    this.#idleTimers.delete(tenantId);
    this.#openSessions.set(tenantId, (this.#openSessions.get(tenantId) ?? 0) + 1);
  }

  #sessionClosed(tenantId: string): void {
    const open = (this.#openSessions.get(tenantId) ?? 1) - 1;
    if (open > 0) {
      this.#openSessions.set(tenantId, open);
      return;
    }
    this.#openSessions.delete(tenantId);
    if (this.options.idleCloseMs === undefined) return;
    const timer = setTimeout(() => {
      this.#idleTimers.delete(tenantId);
      if (this.#openSessions.has(tenantId)) return;
      // Under the tenant's engine lock, so a session starting now waits for a fresh instance.
      void this.#locks.run(`${tenantId}/engine`, () => this.#instances.close(tenantId)).catch(() => undefined);
    }, this.options.idleCloseMs);
    timer.unref();
    this.#idleTimers.set(tenantId, timer);
  }

  /** A connection to a catalog whose layout is ensured and whose owner is checked. */
  async #prepared(locator: CatalogLocator, filePath: string, mode: LayoutMode): Promise<DuckDBConnection> {
    const connection = await this.#connect(locator, filePath);
    try {
      await this.#locks.run(`${locator.tenantId}/${locator.catalogName}`, () => prepareCatalog(connection, locator, mode));
      return connection;
    } catch (error) {
      connection.disconnectSync();
      // A refused file must not stay attached where this tenant's next session could read it.
      if (error instanceof LakehouseError && error.kind === 'tenant_mismatch') await this.#instances.detach(locator);
      throw error;
    }
  }

  async #connect(locator: CatalogLocator, filePath: string): Promise<DuckDBConnection> {
    try {
      return await this.#locks.run(`${locator.tenantId}/engine`, () => this.#instances.connect(locator, filePath));
    } catch (error) {
      const facts = engineErrorFacts(error);
      const reason = facts.fileLocked ? 'its file is locked by another process' : `DuckDB ${facts.errorClass}`;
      throw new LakehouseError('catalog_unavailable', `catalog '${locator.catalogName}' of tenant ${locator.tenantId} could not be opened: ${reason}`);
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { CatalogLocator } from '../lakehouse.port';
import { attachCatalogSql, detachCatalogSql, utcTimeZoneSql } from './sql';

export interface EngineSettings {
  threads?: number;
  memoryLimit?: string;
  /** Each tenant's instance spills past its memory limit into `<spillDir>/<tenantId>`. */
  spillDir: string;
}

interface TenantEngine {
  instance: Promise<DuckDBInstance>;
  /** catalogName → attach in flight or done. */
  attached: Map<string, Promise<void>>;
}

/**
 * DuckDB's allocator keeps memory its threads freed until a thread's peak passes a threshold
 * (128 MiB by default) and flushes only when a task completes. Over a 10M-line quality stage that
 * kept the worker 300 MiB above what it needed: medallion peak 1,823 MiB with the defaults (and
 * two glibc arenas, malloc-arenas.ts in the worker), 1,547 MiB with a 32 MB threshold and the
 * background thread that returns idle memory (bench/pipeline/README.md).
 */
const ALLOCATOR_SETTINGS = { allocator_flush_threshold: '32MB', allocator_background_threads: 'true' } as const;

/**
 * One in-memory DuckDB instance per tenant, with that tenant's catalog files ATTACHed to it. A
 * connection from it can only ever see the files of one tenant. Promises are cached, not
 * results, so concurrent callers share one creation or attach; a failure is forgotten so the
 * next caller tries again.
 */
export class TenantInstances {
  readonly #engines = new Map<string, TenantEngine>();

  constructor(private readonly settings: EngineSettings) {}

  /** A fresh connection to the tenant's instance, with the catalog file attached. */
  async connect(locator: CatalogLocator, filePath: string): Promise<DuckDBConnection> {
    const engine = this.#engine(locator.tenantId);
    const instance = await engine.instance;
    await this.#attach(engine, instance, locator.catalogName, filePath);
    return instance.connect();
  }

  /** Releases a file that must not stay reachable (e.g. one that belongs to another tenant). */
  async detach(locator: CatalogLocator): Promise<void> {
    const engine = this.#engines.get(locator.tenantId);
    if (!engine?.attached.delete(locator.catalogName)) return;
    await runOnce(await engine.instance, detachCatalogSql(locator.catalogName));
  }

  /** Closes one tenant's instance (releasing its files' locks); the next connect opens a new one. */
  async close(tenantId: string): Promise<void> {
    const engine = this.#engines.get(tenantId);
    if (!engine) return;
    this.#engines.delete(tenantId);
    await closeEngine(engine);
  }

  /** Detaching checkpoints each file and drops its lock; then the instance is closed. */
  async closeAll(): Promise<void> {
    const engines = [...this.#engines.values()];
    this.#engines.clear();
    await Promise.all(engines.map((engine) => closeEngine(engine)));
  }

  #engine(tenantId: string): TenantEngine {
    const existing = this.#engines.get(tenantId);
    if (existing) return existing;
    const engine: TenantEngine = { instance: this.#createInstance(tenantId), attached: new Map() };
    this.#engines.set(tenantId, engine);
    engine.instance.catch(() => {
      if (this.#engines.get(tenantId) === engine) this.#engines.delete(tenantId);
    });
    return engine;
  }

  async #createInstance(tenantId: string): Promise<DuckDBInstance> {
    const options: Record<string, string> = {
      // A missing extension must fail at once, not try the network from inside a tenant's job.
      autoinstall_known_extensions: 'false',
      // Per tenant, like the catalog files: one tenant's spilled rows never share a directory with another's.
      temp_directory: join(this.settings.spillDir, tenantId),
      ...ALLOCATOR_SETTINGS,
    };
    // DuckDB makes the tenant's directory when it first spills, but not its parents.
    await mkdir(this.settings.spillDir, { recursive: true });
    if (this.settings.threads !== undefined) options['threads'] = String(this.settings.threads);
    if (this.settings.memoryLimit !== undefined) options['memory_limit'] = this.settings.memoryLimit;
    const instance = await DuckDBInstance.create(':memory:', options);
    await runOnce(instance, utcTimeZoneSql());
    return instance;
  }

  #attach(engine: TenantEngine, instance: DuckDBInstance, catalogName: string, filePath: string): Promise<void> {
    let attached = engine.attached.get(catalogName);
    if (!attached) {
      attached = runOnce(instance, attachCatalogSql(filePath, catalogName));
      const pending = attached;
      engine.attached.set(catalogName, pending);
      pending.catch(() => {
        if (engine.attached.get(catalogName) === pending) engine.attached.delete(catalogName);
      });
    }
    return attached;
  }
}

async function runOnce(instance: DuckDBInstance, sql: string): Promise<void> {
  const connection = await instance.connect();
  try {
    await connection.run(sql);
  } finally {
    connection.disconnectSync();
  }
}

async function closeEngine(engine: TenantEngine): Promise<void> {
  let instance: DuckDBInstance;
  try {
    instance = await engine.instance;
  } catch {
    return; // never opened, nothing to release
  }
  const catalogs = [...engine.attached.keys()];
  await Promise.allSettled([...engine.attached.values()]);
  for (const catalogName of catalogs) {
    // Best effort: closing the instance below checkpoints and releases whatever is still attached.
    await runOnce(instance, detachCatalogSql(catalogName)).catch(() => undefined);
  }
  instance.closeSync();
}

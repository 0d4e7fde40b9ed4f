import { createHash } from 'node:crypto';
import type { EngineCredentials } from '@ade/contracts';
import { computeOf, DatabricksLakehouse, isWarehousePath, type CatalogLocator, type DatabricksSqlSettings, type Lakehouse, type SqlDriverClient, type TenantCatalog } from '@ade/lakehouse';
import type { EngineCredentialsSource } from './engine-credentials';

export interface EngineRouterOptions {
  embedded: Lakehouse;
  credentials: EngineCredentialsSource;
  /** Connects the Databricks SQL driver (connectDatabricks; a double in tests). */
  connect(settings: DatabricksSqlSettings): Promise<SqlDriverClient>;
  /** How long fetched credentials are trusted before they are asked for again (a rotation or a switch shows within this). */
  credentialsTtlMs?: number;
  now?: () => number;
}

interface WorkspaceLakehouse {
  fingerprint: string;
  lakehouse: DatabricksLakehouse;
  checkedAt: number;
}

const DEFAULT_CREDENTIALS_TTL_MS = 5 * 60_000;

/**
 * The worker's catalog port: each job's locator names its engine (from the job), and the router
 * hands the call to the embedded lakehouse or to the tenant's Databricks workspace. A workspace's
 * client is kept while its settings stay the same; credentials are held in memory only.
 */
export class EngineRouter implements Lakehouse {
  readonly #workspaces = new Map<string, WorkspaceLakehouse>();
  /** One look-up per tenant at a time, so two jobs starting together share one client. */
  readonly #resolving = new Map<string, Promise<Lakehouse>>();
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(private readonly options: EngineRouterOptions) {
    this.#ttl = options.credentialsTtlMs ?? DEFAULT_CREDENTIALS_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  async provision(locator: CatalogLocator): Promise<void> {
    return (await this.#engineOf(locator)).provision(locator);
  }

  async open(locator: CatalogLocator): Promise<TenantCatalog> {
    return (await this.#engineOf(locator)).open(locator);
  }

  async shutdown(): Promise<void> {
    const workspaces = [...this.#workspaces.values()];
    this.#workspaces.clear();
    await Promise.allSettled([this.options.embedded.shutdown(), ...workspaces.map((workspace) => workspace.lakehouse.shutdown())]);
  }

  #engineOf(locator: CatalogLocator): Promise<Lakehouse> {
    if ((locator.engine ?? 'embedded') === 'embedded') return Promise.resolve(this.options.embedded);
    const pending = this.#resolving.get(locator.tenantId);
    if (pending) return pending;
    const resolving = this.#workspaceOf(locator).finally(() => this.#resolving.delete(locator.tenantId));
    this.#resolving.set(locator.tenantId, resolving);
    return resolving;
  }

  async #workspaceOf(locator: CatalogLocator): Promise<Lakehouse> {
    const cached = this.#workspaces.get(locator.tenantId);
    if (cached && this.#now() - cached.checkedAt < this.#ttl) return cached.lakehouse;
    const credentials = await this.options.credentials.fetch(locator.tenantId);
    const fingerprint = fingerprintOf(credentials);
    if (cached?.fingerprint === fingerprint) {
      cached.checkedAt = this.#now();
      return cached.lakehouse;
    }
    const settings = { host: credentials.host, httpPath: credentials.httpPath, credentials: credentials.credentials };
    const lakehouse = new DatabricksLakehouse({
      client: await this.options.connect(settings),
      warehouse: isWarehousePath(credentials.httpPath),
      compute: computeOf(credentials.httpPath),
      access: credentials.access,
    });
    this.#workspaces.set(locator.tenantId, { fingerprint, lakehouse, checkedAt: this.#now() });
    // Sessions already open on the old workspace finish their jobs; new ones go to the new one.
    if (cached) void cached.lakehouse.shutdown().catch(() => undefined);
    return lakehouse;
  }
}

/** Same workspace, compute, credentials and reader groups: the same client may stay. Hashed so the key holds no secret. */
function fingerprintOf(credentials: EngineCredentials): string {
  return createHash('sha256').update(JSON.stringify([credentials.host, credentials.httpPath, credentials.credentials, credentials.access])).digest('hex');
}

import { NO_CATALOG_ACCESS, type CatalogAccess } from '@ade/contracts';
import { LakehouseError } from '../errors';
import type { CatalogLocator, Lakehouse, TenantCatalog } from '../lakehouse.port';
import { withConflictRetry } from '../landing/conflict-retry';
import { DatabricksTenantCatalog } from './databricks-tenant-catalog';
import { catalogFailure, driverErrorFacts } from './driver-error';
import { catalogOwnersSql, claimCatalogSql, createCatalogSql, provisionSql } from './spark-sql';
import type { SqlDriverClient, SqlDriverSession } from './sql-driver';
import { StatementRunner } from './statement-runner';

export interface DatabricksLakehouseOptions {
  /** The connected driver client of the tenant's workspace and SQL warehouse (or cluster). */
  client: SqlDriverClient;
  /**
   * Whether the HTTP path is a SQL warehouse's: warehouses take the statement timeout as the
   * session's STATEMENT_TIMEOUT; clusters honour the per-statement queryTimeout.
   */
  warehouse: boolean;
  /** The warehouse or cluster by id (computeOf the HTTP path), for describing it; none by default. */
  compute?: { kind: 'warehouse' | 'cluster'; id: string };
  /** Per statement; default one hour. */
  statementTimeoutSeconds?: number;
  /** The tenant's reader groups (none by default). */
  access?: CatalogAccess;
  now?: () => Date;
}

const DEFAULT_STATEMENT_TIMEOUT_SECONDS = 3600;
/** Past the statement timeout, plus slack for the checkpoint MERGE that follows the rows. */
const ABANDONED_SLACK_SECONDS = 600;

/** A tenant's catalog in Unity Catalog, reached through @databricks/sql. */
export class DatabricksLakehouse implements Lakehouse {
  readonly #sessions = new Set<DatabricksTenantCatalog>();
  readonly #timeout: number;

  constructor(private readonly options: DatabricksLakehouseOptions) {
    this.#timeout = options.statementTimeoutSeconds ?? DEFAULT_STATEMENT_TIMEOUT_SECONDS;
  }

  /** Creates the catalog (when the credentials may), its schemas, landing volume and system tables, and claims it. */
  async provision(locator: CatalogLocator): Promise<void> {
    await this.#withSession(locator, null, async (runner) => {
      await runner.rows(createCatalogSql(locator.catalogName));
    });
    await this.#withSession(locator, locator.catalogName, async (runner) => {
      // Another tenant's catalog is refused before anything is created in it.
      const owners = await ownersOf(runner, locator);
      if (owners.length > 0) assertOwnedBy(owners, locator, 'provision');
      for (const statement of provisionSql()) await runner.rows(statement);
      await withConflictRetry(3, async () => {
        try {
          await runner.rows(claimCatalogSql(locator.catalogName, locator.tenantId));
        } catch (error) {
          throw catalogFailure(error, `claiming catalog '${locator.catalogName}'`);
        }
      });
      await assertOwner(runner, locator, 'provision');
    });
  }

  async open(locator: CatalogLocator): Promise<TenantCatalog> {
    const driverSession = await this.#openSession(locator, locator.catalogName);
    try {
      await assertOwner(new StatementRunner(driverSession, this.#timeout), locator, 'open');
    } catch (error) {
      await driverSession.close().catch(() => undefined);
      throw error;
    }
    const session: DatabricksTenantCatalog = new DatabricksTenantCatalog(locator.catalogName, driverSession, {
      statementTimeoutSeconds: this.#timeout,
      abandonedAfterSeconds: this.#timeout + ABANDONED_SLACK_SECONDS,
      access: this.options.access ?? NO_CATALOG_ACCESS,
      compute: this.options.compute ?? null,
      now: this.options.now ?? (() => new Date()),
      onClose: () => this.#sessions.delete(session),
    });
    this.#sessions.add(session);
    return session;
  }

  /** Closes open sessions (cancelling their statements), then the client. */
  async shutdown(): Promise<void> {
    await Promise.allSettled([...this.#sessions].map((session) => session.close()));
    await this.options.client.close();
  }

  async #withSession(locator: CatalogLocator, initialCatalog: string | null, work: (runner: StatementRunner) => Promise<void>): Promise<void> {
    const session = await this.#openSession(locator, initialCatalog);
    try {
      await work(new StatementRunner(session, this.#timeout));
    } catch (error) {
      throw catalogFailure(error, `provisioning catalog '${locator.catalogName}' of tenant ${locator.tenantId}`);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  async #openSession(locator: CatalogLocator, initialCatalog: string | null): Promise<SqlDriverSession> {
    try {
      return await this.options.client.openSession({
        // No initial schema: on a new catalog none exists yet, and every statement names its schema.
        ...(initialCatalog === null ? {} : { initialCatalog }),
        ...(this.options.warehouse ? { configuration: { STATEMENT_TIMEOUT: String(this.#timeout) } } : {}),
      });
    } catch (error) {
      const failure = catalogFailure(error, `catalog '${locator.catalogName}' of tenant ${locator.tenantId} could not be opened`);
      throw failure instanceof LakehouseError ? failure : new LakehouseError('catalog_unavailable', failure.message);
    }
  }
}

/** The tenants recorded as the catalog's owner; none while its system schema or table does not exist yet. */
async function ownersOf(runner: StatementRunner, locator: CatalogLocator): Promise<unknown[]> {
  try {
    return (await runner.rows(catalogOwnersSql())).map((row) => row['tenant_id']);
  } catch (error) {
    if (/^(TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND)/.test(driverErrorFacts(error).errorClass)) return [];
    throw catalogFailure(error, `reading the owner of catalog '${locator.catalogName}'`);
  }
}

/** The owner recorded in the catalog must be this tenant; a catalog nobody claimed yet is not ready. */
async function assertOwner(runner: StatementRunner, locator: CatalogLocator, mode: 'provision' | 'open'): Promise<void> {
  const owners = await ownersOf(runner, locator);
  if (owners.length === 0) {
    throw new LakehouseError('catalog_unavailable', `catalog '${locator.catalogName}' is not provisioned yet; run \`ade catalog init\` if this persists`);
  }
  assertOwnedBy(owners, locator, mode);
}

function assertOwnedBy(owners: unknown[], locator: CatalogLocator, mode: 'provision' | 'open'): void {
  if (owners.length !== 1 || owners[0] !== locator.tenantId) {
    throw new LakehouseError(
      'tenant_mismatch',
      `catalog '${locator.catalogName}' of tenant ${locator.tenantId} is not recorded as that tenant's catalog; refusing to ${mode} it`,
    );
  }
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { LakehouseError } from '../errors';
import type { CatalogLocator } from '../lakehouse.port';
import { withConflictRetry } from '../landing/conflict-retry';
import { engineErrorFacts } from './engine-error';
import { catalogOwnersSql, insertCatalogInfoSql, provisionSql } from './sql';
import { begin, commit, rollbackQuietly, selectRows } from './transaction';

/** `provision` may claim an unowned (new) catalog; `open` only accepts one already claimed. */
export type LayoutMode = 'provision' | 'open';

/**
 * Ensures the schemas and system tables, then checks the owner recorded in the file, all in one
 * transaction: a file that belongs to someone else is refused before anything is written to it.
 */
export async function prepareCatalog(connection: DuckDBConnection, locator: CatalogLocator, mode: LayoutMode): Promise<void> {
  // The lakehouse serializes this per catalog; a retry still covers SQL run by others in between.
  await withConflictRetry(3, async () => {
    await begin(connection);
    try {
      for (const statement of provisionSql(locator.catalogName)) await connection.run(statement);
      const owners = (await selectRows(connection, catalogOwnersSql(locator.catalogName))).map((row) => row['tenant_id']);
      if (owners.length === 0 && mode === 'provision') {
        await connection.run(insertCatalogInfoSql(locator.catalogName, locator.tenantId));
      } else if (owners.length === 0) {
        // Not an intrusion, just early: provisioning is queued ahead of runs, so a retry usually finds it done.
        throw new LakehouseError(
          'catalog_unavailable',
          `catalog '${locator.catalogName}' is not provisioned yet; run \`ade catalog init\` if this persists`,
        );
      } else if (owners.length !== 1 || owners[0] !== locator.tenantId) {
        throw new LakehouseError(
          'tenant_mismatch',
          `catalog '${locator.catalogName}' of tenant ${locator.tenantId} is not recorded as that tenant's catalog; refusing to ${mode} it`,
        );
      }
      await commit(connection);
    } catch (error) {
      await rollbackQuietly(connection);
      throw layoutFailure(error, locator);
    }
  });
}

function layoutFailure(error: unknown, locator: CatalogLocator): Error {
  if (error instanceof LakehouseError) return error;
  const facts = engineErrorFacts(error);
  if (facts.writeConflict) {
    return new LakehouseError('conflict', `catalog '${locator.catalogName}' was being provisioned concurrently; retry`);
  }
  return new LakehouseError(
    'catalog_unavailable',
    `catalog '${locator.catalogName}' of tenant ${locator.tenantId} could not be prepared (DuckDB ${facts.errorClass})`,
  );
}

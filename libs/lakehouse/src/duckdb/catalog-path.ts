import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ContractViolation, RESERVED_CATALOG_NAMES, SQL_IDENTIFIER } from '@ade/contracts';
import type { CatalogLocator } from '../lakehouse.port';

const uuid = z.uuid();

/** Both parts end up in a file path and in SQL, so neither is trusted until it passes here. */
export function assertCatalogLocator(locator: CatalogLocator): void {
  const { tenantId, catalogName } = locator;
  // Lower case only: one tenant must map to one directory.
  if (!uuid.safeParse(tenantId).success || tenantId !== tenantId.toLowerCase()) {
    throw new ContractViolation('tenantId must be a lower-case UUID');
  }
  if (!SQL_IDENTIFIER.test(catalogName)) {
    throw new ContractViolation(`catalog name '${catalogName}' is not a valid SQL identifier`);
  }
  if (RESERVED_CATALOG_NAMES.includes(catalogName)) {
    throw new ContractViolation(`catalog name '${catalogName}' is reserved by DuckDB`);
  }
}

export function tenantDirectory(dataDir: string, tenantId: string): string {
  return join(resolve(dataDir), 'tenants', tenantId);
}

/** `<dataDir>/tenants/<tenantId>/<catalogName>.duckdb`, from a validated locator only. */
export function catalogFilePath(dataDir: string, locator: CatalogLocator): string {
  assertCatalogLocator(locator);
  return join(tenantDirectory(dataDir, locator.tenantId), `${locator.catalogName}.duckdb`);
}

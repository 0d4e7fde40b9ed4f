import { randomUUID } from 'node:crypto';
import { makeTempDir } from '@ade/testing';
import { DatabricksLakehouse, type CatalogLocator, type TenantCatalog } from '@ade/lakehouse';
import { CATALOG } from '../source-files';
import { FakeSqlDriver } from './fake-sql-driver';

export interface DatabricksFixture {
  dir: string;
  driver: FakeSqlDriver;
  lakehouse: DatabricksLakehouse;
  locator: CatalogLocator;
  /** Opens the locator's catalog, answering the owner check with the locator's tenant. */
  open(): Promise<TenantCatalog>;
  /** The statements sent so far, without the session's owner check. */
  sent(): string[];
  cleanup(): Promise<void>;
}

export const STATEMENT_TIMEOUT_SECONDS = 900;
export const INGESTED_AT = new Date('2026-12-07T10:00:00.000Z');

/** A Databricks lakehouse over the fake driver, on a warehouse path, with a fixed clock. */
export async function databricksFixture(label: string, options: { warehouse?: boolean; compute?: { kind: 'warehouse' | 'cluster'; id: string } } = {}): Promise<DatabricksFixture> {
  const temp = await makeTempDir(label);
  const driver = new FakeSqlDriver();
  const lakehouse = new DatabricksLakehouse({ client: driver, warehouse: options.warehouse ?? true, compute: options.compute, statementTimeoutSeconds: STATEMENT_TIMEOUT_SECONDS, now: () => INGESTED_AT });
  const locator = { tenantId: randomUUID(), catalogName: CATALOG };
  return {
    dir: temp.path,
    driver,
    lakehouse,
    locator,
    open: () => {
      driver.answer(/^SELECT tenant_id FROM `_system`\.`catalog_info`$/, [{ tenant_id: locator.tenantId }]);
      return lakehouse.open(locator);
    },
    sent: () => driver.statements.map((statement) => statement.sql).filter((sql) => !sql.startsWith('SELECT tenant_id FROM')),
    cleanup: async () => {
      await lakehouse.shutdown();
      await temp.cleanup();
    },
  };
}

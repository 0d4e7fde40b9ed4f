import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { DuckDbLakehouse } from '@ade/lakehouse';
import { describeCatalogContract } from '../catalog-contract';
import { CATALOG } from '../source-files';

/** The embedded engine, for real: one DuckDB file per tenant catalog under a private temp dir. */
async function duckDbEngine(label: string) {
  const temp = await makeTempDir(label);
  const lakehouse = new DuckDbLakehouse({ dataDir: join(temp.path, 'data'), threads: 2, memoryLimit: '512MB' });
  return {
    lakehouse,
    dir: temp.path,
    catalogName: CATALOG,
    cleanup: async () => {
      await lakehouse.shutdown();
      await temp.cleanup();
    },
  };
}

describeCatalogContract('DuckDB', () => duckDbEngine('duckdb-contract'));

/**
 * Where the engines legitimately differ, so the contract leaves it out: catalog names are per
 * tenant here (`<dataDir>/tenants/<tenantId>/<catalog>.duckdb`), while Unity Catalog names are
 * per workspace. Another tenant naming the same catalog reaches its own, unprovisioned one.
 */
describe('DuckDbLakehouse: another tenant naming the same catalog', () => {
  let engine: Awaited<ReturnType<typeof duckDbEngine>>;
  beforeEach(async () => (engine = await duckDbEngine('duckdb-tenants')));
  afterEach(() => engine.cleanup());

  it('finds no catalog of that name for the other tenant, and may provision its own', async () => {
    const tenantA = { tenantId: randomUUID(), catalogName: engine.catalogName };
    const tenantB = { tenantId: randomUUID(), catalogName: engine.catalogName };
    await engine.lakehouse.provision(tenantA);

    await expect(engine.lakehouse.open(tenantB)).rejects.toMatchObject({ kind: 'catalog_unavailable' });
    await engine.lakehouse.provision(tenantB);
    await expect(engine.lakehouse.open(tenantB)).resolves.toMatchObject({ name: engine.catalogName });
  });
});

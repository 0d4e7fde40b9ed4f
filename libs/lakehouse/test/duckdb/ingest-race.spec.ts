import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogFilePath, DuckDbTenantCatalog, duckdbSql } from '@ade/lakehouse';
import { bronzeRequest, CATALOG, CLAIM_HEADER, CLAIMS, claimRows, csv, landFile, lakehouseFixture, locatorFor, type LakehouseFixture } from './fixtures';

/**
 * The lakehouse serializes ingests per table, so its sessions never race. These sessions are
 * built without that lock to prove the transaction alone still lands a delivery once: the loser
 * of the checkpoint race gets a conflict, retries, and finds the winner's checkpoint.
 */
describe('bronze ingest racing without the in-process lock', () => {
  let fx: LakehouseFixture;
  let instance: DuckDBInstance;
  let sessions: DuckDbTenantCatalog[];

  beforeEach(async () => {
    fx = await lakehouseFixture('race');
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    await fx.lakehouse.shutdown();
    instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
    const setup = await instance.connect();
    await setup.run(duckdbSql.attachCatalogSql(catalogFilePath(join(fx.dir, 'data'), locator), CATALOG));
    setup.disconnectSync();
    sessions = await Promise.all([1, 2].map(async () => new DuckDbTenantCatalog(CATALOG, await instance.connect())));
  });
  afterEach(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    instance.closeSync();
    await fx.cleanup();
  });

  it('lands exactly one copy of a delivery into an existing table', async () => {
    const [first, second] = sessions as [DuckDbTenantCatalog, DuckDbTenantCatalog];
    await first.ingestBronze(bronzeRequest(await landFile(fx.dir, 'seed.csv', csv(CLAIM_HEADER, claimRows(1)))));

    for (const round of [1, 2, 3, 4, 5]) {
      const file = await landFile(fx.dir, `race-${round}.csv`, csv(CLAIM_HEADER, claimRows(2000, round * 10_000)));
      const results = await Promise.all([first.ingestBronze(bronzeRequest(file)), second.ingestBronze(bronzeRequest(file))]);

      expect(results.map((r) => r.outcome).sort()).toEqual(['already_ingested', 'loaded']);
      expect(await first.countRows(CLAIMS)).toBe(1 + 2000 * round);
    }
  });
});

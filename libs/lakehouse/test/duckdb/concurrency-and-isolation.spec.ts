import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BronzeIngestResult } from '@ade/lakehouse';
import { bronzeRequest, CATALOG, CLAIM_HEADER, CLAIMS, claimRows, csv, landFile, lakehouseFixture, locatorFor, type LakehouseFixture } from './fixtures';

describe('DuckDbLakehouse under concurrency and across tenants', () => {
  let fx: LakehouseFixture;

  beforeEach(async () => {
    fx = await lakehouseFixture('concurrency');
  });
  afterEach(() => fx.cleanup());

  it('lands one copy when two sessions ingest the same delivery at once', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    const [first, second] = await Promise.all([fx.lakehouse.open(locator), fx.lakehouse.open(locator)]);

    // Several rounds so both "table does not exist yet" and "table exists" races are exercised.
    for (const round of [1, 2, 3]) {
      const file = await landFile(fx.dir, `round-${round}.csv`, csv(CLAIM_HEADER, claimRows(500, round * 1000)));
      const results: BronzeIngestResult[] = await Promise.all([
        first.ingestBronze(bronzeRequest(file)),
        second.ingestBronze(bronzeRequest(file)),
      ]);

      expect(results.map((r) => r.outcome).sort()).toEqual(['already_ingested', 'loaded']);
      expect(results.every((r) => r.rows === 500)).toBe(true);
      expect(await first.countRows(CLAIMS)).toBe(500 * round);
    }
    const [row] = await first.query(`SELECT count(*) AS n FROM ${CATALOG}._system.ingest_checkpoints`);
    expect(row).toEqual({ n: '3' });
  });

  it('lands both when two sessions ingest different files into a table that does not exist yet', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    const [first, second] = await Promise.all([fx.lakehouse.open(locator), fx.lakehouse.open(locator)]);
    const a = await landFile(fx.dir, 'a.csv', csv(CLAIM_HEADER, claimRows(100, 1)));
    const b = await landFile(fx.dir, 'b.csv', csv(CLAIM_HEADER, claimRows(200, 1000)));

    const results = await Promise.all([first.ingestBronze(bronzeRequest(a)), second.ingestBronze(bronzeRequest(b))]);

    expect(results).toEqual([
      { outcome: 'loaded', rows: 100 },
      { outcome: 'loaded', rows: 200 },
    ]);
    expect(await first.countRows(CLAIMS)).toBe(300);
  });

  it('keeps two tenants with the same catalog name in separate files that cannot see each other', async () => {
    const tenantA = locatorFor();
    const tenantB = locatorFor();
    await Promise.all([fx.lakehouse.provision(tenantA), fx.lakehouse.provision(tenantB)]);
    const [catalogA, catalogB] = await Promise.all([fx.lakehouse.open(tenantA), fx.lakehouse.open(tenantB)]);
    await catalogB.ingestBronze(bronzeRequest(await landFile(fx.dir, 'b.csv', csv(CLAIM_HEADER, claimRows(3)))));

    expect(await catalogB.countRows(CLAIMS)).toBe(3);
    expect(await catalogA.tableExists(CLAIMS)).toBe(false);
    await expect(catalogA.query(`SELECT * FROM ${CATALOG}.bronze.claims`)).rejects.toThrow(/does not exist/);

    const pathsSeenByA = await catalogA.query(`SELECT path FROM duckdb_databases() WHERE path IS NOT NULL`);
    expect(pathsSeenByA).toEqual([{ path: expect.stringContaining(`/tenants/${tenantA.tenantId}/${CATALOG}.duckdb`) }]);
  });
});

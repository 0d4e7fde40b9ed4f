import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LakehouseError, type BronzeIngestRequest, type CatalogLocator, type LakehouseErrorKind, type TenantCatalog } from '@ade/lakehouse';
import { bronzeRequest, CATALOG, CLAIM_HEADER, CLAIMS, claimRows, csv, landFile, lakehouseFixture, locatorFor, type LakehouseFixture } from './fixtures';

const PATIENT = 'Zebediah Quackenbush';

/**
 * Good rows, then one with an extra field. Past DuckDB's 20,480-row sniffing sample, so the
 * reader only trips over it while the INSERT is running, after the table was created.
 */
function csvBrokenLate(): string {
  const broken = `C999999,${PATIENT},1234567893,12.00,SURPRISE`;
  return `${csv(CLAIM_HEADER, claimRows(21_000)).trimEnd()}\n${broken}\nC999998,Member,1234567893,1.00\n`;
}

describe('DuckDbTenantCatalog.ingestBronze failures', () => {
  let fx: LakehouseFixture;
  let catalog: TenantCatalog;
  let locator: CatalogLocator;

  beforeEach(async () => {
    fx = await lakehouseFixture('ingest-fail');
    locator = locatorFor();
    await fx.lakehouse.provision(locator);
    catalog = await fx.lakehouse.open(locator);
  });
  afterEach(() => fx.cleanup());

  async function failure(request: BronzeIngestRequest): Promise<LakehouseError> {
    const error = await catalog.ingestBronze(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LakehouseError);
    return error as LakehouseError;
  }

  async function checkpointCount(): Promise<number> {
    const [row] = await catalog.query(`SELECT count(*) AS n FROM ${CATALOG}._system.ingest_checkpoints`);
    return Number(row!['n']);
  }

  it('a broken row loading into a NEW table leaves no table and no checkpoint', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csvBrokenLate());

    const error = await failure(bronzeRequest(file));

    expect(error.kind).toBe<LakehouseErrorKind>('source_unreadable');
    expect(error.message).toContain("'claims.csv'");
    expect(error.message).toContain('near line 21002');
    expect(await catalog.tableExists(CLAIMS)).toBe(false);
    expect(await checkpointCount()).toBe(0);
  });

  it('a broken row loading into an EXISTING table leaves its rows and checkpoints unchanged', async () => {
    await catalog.ingestBronze(bronzeRequest(await landFile(fx.dir, 'good.csv', csv(CLAIM_HEADER, claimRows(5)))));

    const error = await failure(bronzeRequest(await landFile(fx.dir, 'broken.csv', csvBrokenLate())));

    expect(error.kind).toBe('source_unreadable');
    expect(await catalog.countRows(CLAIMS)).toBe(5);
    expect(await checkpointCount()).toBe(1);
  });

  it('never puts a value from the broken row into the error', async () => {
    const late = await failure(bronzeRequest(await landFile(fx.dir, 'late.csv', csvBrokenLate())));
    const early = await failure(
      bronzeRequest(await landFile(fx.dir, 'early.csv', `${CLAIM_HEADER.join(',')}\nC1,${PATIENT},1234567893,1.00,EXTRA\n`), {
        options: { delimiter: ',' },
      }),
    );

    for (const error of [late, early]) {
      expect(error.kind).toBe('source_unreadable');
      expect(error.message).not.toContain('Zebediah');
      expect(error.message).not.toContain('Quackenbush');
      expect(error.message).not.toContain('SURPRISE');
      expect(JSON.stringify(error)).not.toContain('Quackenbush');
    }
  });

  it('refuses rows with a varying field count instead of landing whole lines as one column', async () => {
    const file = await landFile(fx.dir, 'ragged.csv', `${CLAIM_HEADER.join(',')}\nC1,${PATIENT},1234567893,1.00,EXTRA\nC2,Member,1234567893,2.00\n`);

    const error = await failure(bronzeRequest(file));

    expect(error.kind).toBe('source_unreadable');
    expect(error.message).toMatch(/delimiter/);
    expect(error.message).not.toContain(PATIENT);
  });

  it('source_not_found: a file that is not there', async () => {
    const file = await landFile(fx.dir, 'gone.csv', csv(CLAIM_HEADER, claimRows(1)));
    const error = await failure(bronzeRequest({ ...file, path: `${file.path}.missing` }));
    expect(error.kind).toBe('source_not_found');
    expect(error.message).toContain("'gone.csv'");
  });

  it('source_unreadable: content that is not in the declared format or encoding', async () => {
    const latin1 = await landFile(fx.dir, 'latin1.csv', Buffer.from('claim_id,member_name\nC1,Jos\xe9\n', 'latin1'));
    const notParquet = await landFile(fx.dir, 'fake.parquet', csv(CLAIM_HEADER, claimRows(1)));
    const badJson = await landFile(fx.dir, 'bad.ndjson', `{"claim_id":"C1"}\n{"claim_id": "${PATIENT}"\n`);
    const empty = await landFile(fx.dir, 'empty.csv', '');

    for (const [request, name] of [
      [bronzeRequest(latin1), 'latin1.csv'],
      [bronzeRequest(notParquet, { format: 'parquet' }), 'fake.parquet'],
      [bronzeRequest(badJson, { format: 'ndjson' }), 'bad.ndjson'],
      [bronzeRequest(empty), 'empty.csv'],
    ] as const) {
      const error = await failure(request);
      expect(error.kind).toBe('source_unreadable');
      expect(error.message).toContain(`'${name}'`);
      expect(error.message).not.toContain(PATIENT);
    }
    expect(await catalog.tableExists(CLAIMS)).toBe(false);
  });

  it('schema_mismatch: names the file columns the existing table lacks, and lands nothing', async () => {
    await catalog.ingestBronze(bronzeRequest(await landFile(fx.dir, 'a.csv', csv(CLAIM_HEADER, claimRows(2)))));
    const drifted = await landFile(fx.dir, 'b.csv', csv([...CLAIM_HEADER, 'plan_code', 'Member_SSN'], [[...claimRows(1)[0]!, 'P1', '000-00-0000']]));

    const error = await failure(bronzeRequest(drifted));

    expect(error.kind).toBe('schema_mismatch');
    expect(error.message).toContain("'b.csv'");
    expect(error.message).toContain('healthcare_data.bronze.claims');
    expect(error.message).toContain("'plan_code', 'Member_SSN'");
    expect(error.message).not.toContain('000-00-0000');
    expect(await catalog.countRows(CLAIMS)).toBe(2);
  });

  it('schema_mismatch: a file bringing its own ingest metadata column', async () => {
    const file = await landFile(fx.dir, 'meta.csv', csv(['claim_id', '_run_id'], [['C1', 'x']]));
    const error = await failure(bronzeRequest(file));
    expect(error.kind).toBe('schema_mismatch');
    expect(error.message).toContain("'_run_id'");
  });

  it('conflict: another session holds an uncommitted create of the same table', async () => {
    const other = await fx.lakehouse.open(locator);
    await other.execute('BEGIN TRANSACTION');
    await other.execute(`CREATE TABLE ${CATALOG}.bronze.claims (claim_id VARCHAR)`);
    const file = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, claimRows(2)));

    const error = await failure(bronzeRequest(file));

    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/retry/);
    await other.execute('ROLLBACK');
    expect(await catalog.ingestBronze(bronzeRequest(file))).toEqual({ outcome: 'loaded', rows: 2 });
  });

  it('refuses targets outside its own catalog or outside bronze', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, claimRows(1)));
    await expect(catalog.ingestBronze(bronzeRequest(file, { table: { ...CLAIMS, catalog: 'other' } }))).rejects.toThrow(/not in catalog/);
    await expect(catalog.ingestBronze(bronzeRequest(file, { table: { ...CLAIMS, schema: '_system' } }))).rejects.toThrow(/bronze schema/);
    await expect(catalog.ingestBronze(bronzeRequest(file, { table: { ...CLAIMS, table: 'x; DROP TABLE y' } }))).rejects.toThrow(/identifier/);
  });
});

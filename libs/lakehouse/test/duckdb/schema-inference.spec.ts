import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LakehouseError, NO_VALUES_TYPE, type TenantCatalog } from '@ade/lakehouse';
import { CATALOG, landFile, lakehouseFixture, locatorFor, type LakehouseFixture } from './fixtures';

const PATIENT = 'Zebediah Quackenbush';

describe('DuckDbTenantCatalog.inferSourceSchema', () => {
  let fx: LakehouseFixture;
  let catalog: TenantCatalog;

  beforeEach(async () => {
    fx = await lakehouseFixture('infer');
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    catalog = await fx.lakehouse.open(locator);
  });
  afterEach(() => fx.cleanup());

  it('infers CSV types, keeping only those every sampled value fits as the ingest will check them', async () => {
    const file = await landFile(
      fx.dir,
      'claims.csv',
      [
        'claim_id,billing_npi,units,paid_amount,service_date,us_date,paid_at,approved,empty,member_name',
        `C1,1234567893,1,12.50,2024-01-05,01/31/2024,2024-01-05 10:00:00,true,,${PATIENT}`,
        'C2,1234567894,2,7,2024-01-06,02/01/2024,2024-01-06 11:30:00,false,,Pat',
      ].join('\n'),
    );

    const columns = await catalog.inferSourceSchema({ path: file.path, format: 'csv', options: {} });

    expect(columns).toEqual([
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'billing_npi', type: 'BIGINT' },
      { name: 'units', type: 'BIGINT' },
      { name: 'paid_amount', type: 'DOUBLE' },
      { name: 'service_date', type: 'DATE' },
      // The sniffer reads these as dates in %m/%d/%Y; the ingest's cast cannot, so no DATE is claimed.
      { name: 'us_date', type: 'VARCHAR' },
      { name: 'paid_at', type: 'TIMESTAMP' },
      { name: 'approved', type: 'BOOLEAN' },
      { name: 'empty', type: NO_VALUES_TYPE },
      { name: 'member_name', type: 'VARCHAR' },
    ]);
  });

  it('honours the pipeline reader options and names headers as the ingest does', async () => {
    const file = await landFile(fx.dir, 'piped.txt', 'Claim ID|Paid "Amt"\nC1|12\n');
    expect(await catalog.inferSourceSchema({ path: file.path, format: 'csv', options: { delimiter: '|' } })).toEqual([
      { name: 'Claim ID', type: 'VARCHAR' },
      { name: 'Paid "Amt"', type: 'BIGINT' },
    ]);
    const noHeader = await landFile(fx.dir, 'noheader.csv', 'C1,12\n');
    expect(await catalog.inferSourceSchema({ path: noHeader.path, format: 'csv', options: { header: false } })).toEqual([
      { name: 'column0', type: 'VARCHAR' },
      { name: 'column1', type: 'BIGINT' },
    ]);
  });

  it('infers NDJSON types from the values, nested values as text and null-only keys as having no values', async () => {
    const lines = [
      '{"claim_id":"00123","units":2,"paid":12.5,"service_date":"2024-01-05","dx":{"primary":"E11.9"},"mods":["25"],"note":null,"flag":true}',
      '{"claim_id":"7","units":3,"paid":1,"service_date":"2024-01-06","flag":false}',
    ];
    const file = await landFile(fx.dir, 'claims.ndjson', `${lines.join('\n')}\n`);

    expect(await catalog.inferSourceSchema({ path: file.path, format: 'ndjson', options: {} })).toEqual([
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'units', type: 'BIGINT' },
      { name: 'paid', type: 'DOUBLE' },
      { name: 'service_date', type: 'DATE' },
      { name: 'dx', type: 'VARCHAR' },
      { name: 'mods', type: 'VARCHAR' },
      { name: 'note', type: NO_VALUES_TYPE },
      { name: 'flag', type: 'BOOLEAN' },
    ]);
  });

  it('reads Parquet types from the file', async () => {
    await mkdir(join(fx.dir, 'landing'), { recursive: true });
    const path = join(fx.dir, 'landing', 'claims.parquet');
    await catalog.execute(
      `COPY (SELECT 'C1' AS claim_id, 12.50::DECIMAL(10,2) AS paid_amount, DATE '2024-02-29' AS service_date, 3::UTINYINT AS units, 1.5::FLOAT AS ratio, TIMESTAMPTZ '2024-02-29 10:00:00+00' AS paid_at) TO '${path}' (FORMAT parquet)`,
    );

    expect(await catalog.inferSourceSchema({ path, format: 'parquet', options: {} })).toEqual([
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'paid_amount', type: 'DECIMAL(10,2)' },
      { name: 'service_date', type: 'DATE' },
      { name: 'units', type: 'SMALLINT' },
      { name: 'ratio', type: 'DOUBLE' },
      { name: 'paid_at', type: 'TIMESTAMP WITH TIME ZONE' },
    ]);
  });

  it('gives a header-only file its columns, with no values', async () => {
    const file = await landFile(fx.dir, 'none.csv', 'claim_id,paid_amount\n');
    expect(await catalog.inferSourceSchema({ path: file.path, format: 'csv', options: {} })).toEqual([
      { name: 'claim_id', type: NO_VALUES_TYPE },
      { name: 'paid_amount', type: NO_VALUES_TYPE },
    ]);
  });

  it('maps failures as the ingest does, naming the file and never a row value', async () => {
    const ragged = await landFile(fx.dir, 'ragged.csv', `claim_id,member_name\nC1,${PATIENT},EXTRA\nC2,Pat\n`);
    const badJson = await landFile(fx.dir, 'bad.ndjson', `{"claim_id":"C1"}\n{"claim_id": "${PATIENT}"\n`);
    const reserved = await landFile(fx.dir, 'meta.csv', 'claim_id,_run_id\nC1,x\n');
    const empty = await landFile(fx.dir, 'empty.csv', '');

    const cases = [
      [{ path: ragged.path, displayPath: '2024/ragged.csv', format: 'csv' }, 'source_unreadable', "'2024/ragged.csv'"],
      [{ path: badJson.path, format: 'ndjson' }, 'source_unreadable', "'bad.ndjson'"],
      [{ path: reserved.path, format: 'csv' }, 'schema_mismatch', "'_run_id'"],
      [{ path: empty.path, format: 'csv' }, 'source_unreadable', "'empty.csv'"],
      [{ path: `${empty.path}.gone`, format: 'csv' }, 'source_not_found', "'empty.csv.gone'"],
    ] as const;
    for (const [file, kind, named] of cases) {
      const error = await catalog.inferSourceSchema({ ...file, options: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LakehouseError);
      expect(error).toMatchObject({ kind });
      expect((error as Error).message).toContain(named);
      expect((error as Error).message).not.toContain('Quackenbush');
    }
  });

  describe('namesAmongValues', () => {
    it("says which names recur as their own column's values, ignoring case and blanks, and nothing of the values", async () => {
      const headerless = await landFile(fx.dir, 'members.csv', [`Zebediah,Quackenbush,Wichita`, `zebediah ,Smith,Topeka`, `Abigail,Quackenbush,Salina`].join('\n'));
      const request = { path: headerless.path, format: 'csv' as const, options: {} };
      const names = (await catalog.inferSourceSchema(request)).map((c) => c.name);
      expect(names).toEqual(['Zebediah', 'Quackenbush', 'Wichita']);
      expect(await catalog.namesAmongValues(request, names)).toEqual([true, true, false]);
    });

    it('finds no header of a real file among its values, and answers nothing for no columns', async () => {
      const file = await landFile(fx.dir, 'eligibility.csv', ['member_id,Language,Ethnicity,Status', 'M1,English,Hispanic,Active', 'M2,Spanish,Not Hispanic,Active'].join('\n'));
      const request = { path: file.path, format: 'csv' as const, options: {} };
      expect(await catalog.namesAmongValues(request, ['member_id', 'Language', 'Ethnicity', 'Status'])).toEqual([false, false, false, false]);
      expect(await catalog.namesAmongValues(request, [])).toEqual([]);
    });
  });
});

describe('DuckDbTenantCatalog.registeredSchema', () => {
  let fx: LakehouseFixture;

  beforeEach(async () => {
    fx = await lakehouseFixture('registered');
  });
  afterEach(() => fx.cleanup());

  it('is null for a table with no history, and refuses tables of other catalogs', async () => {
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    const catalog = await fx.lakehouse.open(locator);
    expect(await catalog.registeredSchema({ catalog: CATALOG, schema: 'bronze', table: 'claims' })).toBeNull();
    await expect(catalog.registeredSchema({ catalog: 'other', schema: 'bronze', table: 'claims' })).rejects.toThrow(/not in catalog/);
  });
});

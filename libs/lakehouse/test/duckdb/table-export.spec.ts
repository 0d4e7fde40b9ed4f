import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractViolation, type TableRef } from '@ade/contracts';
import { LakehouseError, type TenantCatalog } from '@ade/lakehouse';
import { CATALOG, lakehouseFixture, locatorFor, type LakehouseFixture } from './fixtures';

const SILVER: TableRef = { catalog: CATALOG, schema: 'silver', table: 'claims' };

describe('DuckDB table export', () => {
  let fx: LakehouseFixture;
  let catalog: TenantCatalog;

  beforeEach(async () => {
    fx = await lakehouseFixture('export');
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    catalog = await fx.lakehouse.open(locator);
    await catalog.execute(`CREATE TABLE ${CATALOG}.silver.claims (claim_id VARCHAR, state VARCHAR, paid_amount DECIMAL(12,2), "Service Date" DATE)`);
    await catalog.execute(`INSERT INTO ${CATALOG}.silver.claims VALUES ('C1', 'OH', 10.50, DATE '2026-01-02'), ('C2', 'KY', 0, DATE '2026-01-03'), ('C3', 'OH', 3.25, NULL)`);
  });
  afterEach(async () => {
    await catalog.close();
    await fx.cleanup();
  });

  it('writes every row to CSV with a header, and reports the rows and the columns with their types', async () => {
    const target = join(fx.dir, 'claims.csv');
    const result = await catalog.exportTable({ table: SILVER, where: null, format: 'csv', target });
    expect(result).toEqual({
      rows: 3,
      columns: [
        { name: 'claim_id', type: 'VARCHAR' },
        { name: 'state', type: 'VARCHAR' },
        { name: 'paid_amount', type: 'DECIMAL(12,2)' },
        { name: 'Service Date', type: 'DATE' },
      ],
    });
    expect(await readFile(target, 'utf8')).toBe('claim_id,state,paid_amount,Service Date\nC1,OH,10.50,2026-01-02\nC2,KY,0.00,2026-01-03\nC3,OH,3.25,\n');
  });

  it('filters with the expectation vocabulary over its own columns, into Parquet that reads back typed', async () => {
    const target = join(fx.dir, 'oh.parquet');
    const result = await catalog.exportTable({ table: SILVER, where: "state = 'OH' AND paid_amount > 5", format: 'parquet', target });
    expect(result.rows).toBe(1);
    const back = await catalog.query(`SELECT claim_id, paid_amount::VARCHAR AS paid FROM read_parquet('${target}')`);
    expect(back).toEqual([{ claim_id: 'C1', paid: '10.50' }]);
  });

  it('refuses a filter that reads anything but the table, naming the table and never running it', async () => {
    const target = join(fx.dir, 'x.csv');
    await expect(catalog.exportTable({ table: SILVER, where: "claim_id IN (SELECT * FROM read_text('/etc/passwd'))", format: 'csv', target })).rejects.toBeInstanceOf(ContractViolation);
    await expect(catalog.exportTable({ table: SILVER, where: 'member_ssn IS NOT NULL', format: 'csv', target })).rejects.toThrow(/^export filter on healthcare_data\.silver\.claims /);
  });

  it('says a missing table is missing, and keeps to its own catalog', async () => {
    const target = join(fx.dir, 'y.csv');
    await expect(catalog.exportTable({ table: { ...SILVER, table: 'nope' }, where: null, format: 'csv', target })).rejects.toEqual(
      new LakehouseError('source_not_found', 'table healthcare_data.silver.nope does not exist'),
    );
    await expect(catalog.exportTable({ table: { ...SILVER, catalog: 'other_catalog' }, where: null, format: 'csv', target })).rejects.toBeInstanceOf(ContractViolation);
  });
});

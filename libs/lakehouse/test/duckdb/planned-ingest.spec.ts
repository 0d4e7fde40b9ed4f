import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractViolation, type SchemaColumn } from '@ade/contracts';
import { LakehouseError, schemaFingerprint, type ColumnPlan, type TenantCatalog } from '@ade/lakehouse';
import { bronzeRequest, CATALOG, CLAIMS, csv, landFile, lakehouseFixture, locatorFor, type LakehouseFixture } from './fixtures';

const HEADER = ['claim_id', 'billing_npi', 'paid_amount'];
const V1: SchemaColumn[] = [
  { name: 'claim_id', type: 'VARCHAR' },
  { name: 'billing_npi', type: 'BIGINT' },
  { name: 'paid_amount', type: 'DOUBLE' },
];

/** A plan landing each header into the same-named column with the schema's type, unless told otherwise. */
function plan(columns: SchemaColumn[], changes: Partial<ColumnPlan> = {}): ColumnPlan {
  return {
    land: columns.map((column) => ({ source: column.name, column: column.name, type: column.type })),
    add: [],
    rescue: [],
    ignore: [],
    schema: { fingerprint: schemaFingerprint(columns), columns },
    ...changes,
  };
}

describe('DuckDbTenantCatalog.ingestBronze with a column plan', () => {
  let fx: LakehouseFixture;
  let catalog: TenantCatalog;

  beforeEach(async () => {
    fx = await lakehouseFixture('planned');
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    catalog = await fx.lakehouse.open(locator);
  });
  afterEach(() => fx.cleanup());

  const tableColumns = async () =>
    (await catalog.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = '${CATALOG}' AND table_name = 'claims' ORDER BY column_index`)).map(
      (row) => `${String(row['column_name'])} ${String(row['data_type'])}`,
    );
  const history = async () =>
    (await catalog.query(`SELECT version, fingerprint, run_id, source_file FROM ${CATALOG}._system.schema_history ORDER BY version`)).map((row) => ({
      version: row['version'],
      fingerprint: row['fingerprint'],
      sourceFile: row['source_file'],
    }));
  const checkpoints = async () => Number((await catalog.query(`SELECT count(*) AS n FROM ${CATALOG}._system.ingest_checkpoints`))[0]!['n']);
  const landFirst = async () => {
    const file = await landFile(fx.dir, 'a.csv', csv(HEADER, [['C1', '1234567893', '10.5']]));
    return catalog.ingestBronze(bronzeRequest(file, { plan: { ...plan(V1), basedOnVersion: 0 } }));
  };

  it('creates the table from the plan, lands raw text and registers version 1', async () => {
    const request = bronzeRequest(await landFile(fx.dir, 'a.csv', csv(HEADER, [['C1', '01234567893', '10.50']])), { plan: plan(V1) });

    expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 1 });

    expect(await tableColumns()).toEqual([
      'claim_id VARCHAR',
      'billing_npi VARCHAR',
      'paid_amount VARCHAR',
      '_source_file VARCHAR',
      '_ingested_at TIMESTAMP WITH TIME ZONE',
      '_run_id VARCHAR',
      '_rescued_data VARCHAR',
    ]);
    expect(await catalog.query(`SELECT claim_id, billing_npi, paid_amount, _rescued_data FROM ${CATALOG}.bronze.claims`)).toEqual([
      { claim_id: 'C1', billing_npi: '01234567893', paid_amount: '10.50', _rescued_data: null },
    ]);
    const registered = await catalog.registeredSchema(CLAIMS);
    expect(registered).toEqual({
      version: 1,
      fingerprint: schemaFingerprint(V1),
      columns: V1,
      runId: request.runId,
      sourceFile: 'a.csv',
      recordedAt: expect.any(Date),
    });
    expect(Math.abs(registered!.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('adds, renames, rescues and ignores as planned, and rescues values that do not fit their type', async () => {
    await landFirst();
    const header = ['claim_id', 'Billing Provider NPI', 'paid_amount', 'plan_code', 'payer_note', 'fax'];
    const rows = [
      ['C2', '1234567893', '12.5', 'P1', 'call back', '555'],
      ['C3', 'N/A', 'abc', 'P2', '', '556'],
      ['C4', '1234567894.5', '', '', '', ''],
    ];
    const v2 = [...V1, { name: 'plan_code', type: 'VARCHAR' }];
    const drifted = plan(v2, {
      land: [
        { source: 'claim_id', column: 'claim_id', type: 'VARCHAR' },
        { source: 'Billing Provider NPI', column: 'billing_npi', type: 'BIGINT' },
        { source: 'paid_amount', column: 'paid_amount', type: 'DOUBLE' },
        { source: 'plan_code', column: 'plan_code', type: 'VARCHAR' },
      ],
      add: [{ column: 'plan_code' }],
      rescue: ['payer_note'],
      ignore: ['fax'],
      basedOnVersion: 1,
    });

    const result = await catalog.ingestBronze(bronzeRequest(await landFile(fx.dir, 'b.csv', csv(header, rows)), { plan: drifted }));

    expect(result).toEqual({ outcome: 'loaded', rows: 3 });
    expect(await tableColumns()).toContain('plan_code VARCHAR');
    expect(await tableColumns()).not.toContain('fax VARCHAR');
    const landed = await catalog.query(`SELECT claim_id, billing_npi, paid_amount, plan_code, _rescued_data FROM ${CATALOG}.bronze.claims WHERE _source_file = 'b.csv' ORDER BY claim_id`);
    expect(landed.map((row) => ({ ...row, _rescued_data: row['_rescued_data'] === null ? null : JSON.parse(String(row['_rescued_data'])) }))).toEqual([
      { claim_id: 'C2', billing_npi: '1234567893', paid_amount: '12.5', plan_code: 'P1', _rescued_data: { payer_note: 'call back', _file_path: 'b.csv' } },
      { claim_id: 'C3', billing_npi: null, paid_amount: null, plan_code: 'P2', _rescued_data: { 'Billing Provider NPI': 'N/A', paid_amount: 'abc', _file_path: 'b.csv' } },
      // A fraction does not fit a BIGINT even though DuckDB's cast would round it.
      { claim_id: 'C4', billing_npi: null, paid_amount: null, plan_code: null, _rescued_data: { 'Billing Provider NPI': '1234567894.5', _file_path: 'b.csv' } },
    ]);
    expect(await history()).toEqual([
      { version: 1, fingerprint: schemaFingerprint(V1), sourceFile: 'a.csv' },
      { version: 2, fingerprint: schemaFingerprint(v2), sourceFile: 'b.csv' },
    ]);
  });

  it('records no new version when the schema is unchanged, and skips a delivery it already landed', async () => {
    await landFirst();
    const file = await landFile(fx.dir, 'b.csv', csv(HEADER, [['C2', '1234567893', '1']]));

    expect(await catalog.ingestBronze(bronzeRequest(file, { plan: plan(V1) }))).toEqual({ outcome: 'loaded', rows: 1 });
    expect(await catalog.ingestBronze(bronzeRequest(file, { plan: plan(V1) }))).toMatchObject({ outcome: 'already_ingested', rows: 1 });
    expect((await history()).map((entry) => entry.version)).toEqual([1]);
  });

  it('rolls back added columns, rows, the new version and the checkpoint when the file breaks late', async () => {
    await landFirst();
    const good = Array.from({ length: 21_000 }, (_, i) => [`C${i}`, '1234567893', '1', 'P']);
    const broken = `${csv([...HEADER, 'plan_code'], good).trimEnd()}\nC-BAD,Zebediah Quackenbush,1,P,SURPRISE\n`;
    const v2 = [...V1, { name: 'plan_code', type: 'VARCHAR' }];
    const before = { columns: await tableColumns(), history: await history() };

    const error = await catalog
      .ingestBronze(bronzeRequest(await landFile(fx.dir, 'broken.csv', broken), { plan: plan(v2, { add: [{ column: 'plan_code' }] }) }))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'source_unreadable' });
    expect((error as Error).message).not.toContain('Quackenbush');
    expect(await tableColumns()).toEqual(before.columns);
    expect(await history()).toEqual(before.history);
    expect(await catalog.countRows(CLAIMS)).toBe(1);
    expect(await checkpoints()).toBe(1);
  });

  it('refuses a plan made from an older registered version, changing nothing', async () => {
    await landFirst();
    const stale = { ...plan([...V1, { name: 'plan_code', type: 'VARCHAR' }], { add: [{ column: 'plan_code' }] }), basedOnVersion: 0 };
    const file = await landFile(fx.dir, 'b.csv', csv(HEADER, [['C2', '1234567893', '1']]));

    const error = await catalog.ingestBronze(bronzeRequest(file, { plan: stale })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LakehouseError);
    expect(error).toMatchObject({ kind: 'conflict' });
    expect((error as Error).message).toMatch(/version 1 .* from version 0; plan again/);
    expect(await tableColumns()).not.toContain('plan_code VARCHAR');
    expect(await checkpoints()).toBe(1);
  });

  it('refuses a plan that does not fit the file, or lands into a column the table lacks', async () => {
    await landFirst();
    const file = await landFile(fx.dir, 'b.csv', csv([...HEADER, 'fax'], [['C2', '1234567893', '1', '555']]));
    const uncovered = await catalog.ingestBronze(bronzeRequest(file, { plan: plan(V1) })).catch((e: unknown) => e);
    expect(uncovered).toBeInstanceOf(ContractViolation);
    expect((uncovered as Error).message).toBe("column plan for 'b.csv' leaves file columns unplanned: 'fax'");

    const v2 = [...V1, { name: 'fax', type: 'VARCHAR' }];
    const notAdded = await catalog.ingestBronze(bronzeRequest(file, { plan: plan(v2) })).catch((e: unknown) => e);
    expect(notAdded).toMatchObject({ kind: 'schema_mismatch' });
    expect((notAdded as Error).message).toMatch(/lacks and does not add: 'fax'/);
    expect(await catalog.countRows(CLAIMS)).toBe(1);
  });

  it('records no schema version for a request without a plan', async () => {
    await catalog.ingestBronze(bronzeRequest(await landFile(fx.dir, 'a.csv', csv(HEADER, [['C1', '1', '2']]))));
    expect(await history()).toEqual([]);
    expect(await catalog.registeredSchema(CLAIMS)).toBeNull();
  });
});

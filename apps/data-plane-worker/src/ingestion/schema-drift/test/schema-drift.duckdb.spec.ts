import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriftDecision, DriftKind, SchemaEvolutionMode } from '@ade/contracts';
import { driftFixture, rowsOf, tableState, type DriftFixture } from './drift-fixture';

const BASE_HEADER = ['claim_id', 'billing_npi', 'paid_amount', 'service_date', 'units', 'member_ref'];
const BASE = `${BASE_HEADER.join(',')}\nC1,1234567893,125.50,2024-01-05,1,M-001\nC2,1234567894,80.25,2024-01-06,2,M-002\n`;
/** billing_npi BIGINT, paid_amount DOUBLE, service_date DATE, units BIGINT, the rest VARCHAR. */
const V1_TYPES = ['VARCHAR', 'BIGINT', 'DOUBLE', 'DATE', 'BIGINT', 'VARCHAR'];
const FILE = 'b.csv';
const PATH = { _file_path: FILE };

/** File 2 for each kind: one row, C3, whose values all fit V1 but for the drifted column. */
const DRIFTED: Record<DriftKind, string> = {
  added: `${BASE_HEADER.join(',')},plan_code\nC3,1234567895,99.50,2024-01-07,3,M-003,P3\n`,
  removed: 'claim_id,billing_npi,paid_amount,service_date,units\nC3,1234567895,99.50,2024-01-07,3\n',
  renamed: 'claim_id,Billing Provider NPI,paid_amount,service_date,units,member_ref\nC3,1234567895,99.50,2024-01-07,3,M-003\n',
  widened: `${BASE_HEADER.join(',')}\nC3,1234567895,99.50,2024-01-07,1.5,M-003\n`,
  narrowed: `${BASE_HEADER.join(',')}\nC3,1234567895,99,2024-01-07,3,M-003\n`,
  incompatible: `${BASE_HEADER.join(',')}\nC3,1234567895,99.50,20240107,3,M-003\n`,
};

const C3 = { claim_id: 'C3', billing_npi: '1234567895', paid_amount: '99.50', service_date: '2024-01-07', units: '3', member_ref: 'M-003' };

interface Cell {
  decision: DriftDecision;
  /** Data columns of the bronze table after file 2. */
  columns: string[];
  /** File 2's row as landed; null: the file was not landed. */
  row: Record<string, unknown> | null;
  /** Versions in the schema history, and the registered type of each column in the latest. */
  types: string[];
  versions: number;
}

const unchanged = (row: Record<string, unknown> | null, decision: DriftDecision = 'unchanged'): Cell => ({
  decision,
  columns: BASE_HEADER,
  row,
  types: V1_TYPES,
  versions: 1,
});

/** Every (kind × mode) cell of README.md's table, end to end. */
const CELLS: Array<[DriftKind, SchemaEvolutionMode, Cell]> = [
  ['added', 'addNewColumns', { decision: 'evolved', columns: [...BASE_HEADER, 'plan_code'], row: { ...C3, plan_code: 'P3', _rescued_data: null }, types: [...V1_TYPES, 'VARCHAR'], versions: 2 }],
  ['added', 'rescue', unchanged({ ...C3, _rescued_data: { plan_code: 'P3', ...PATH } }, 'rescued')],
  ['added', 'failOnNewColumns', unchanged(null, 'failed')],
  ['added', 'none', unchanged({ ...C3, _rescued_data: null }, 'ignored')],
  ...(['addNewColumns', 'rescue', 'failOnNewColumns', 'none'] as const).flatMap((mode): Array<[DriftKind, SchemaEvolutionMode, Cell]> => [
    ['removed', mode, unchanged({ ...C3, member_ref: null, _rescued_data: null })],
    ['renamed', mode, unchanged({ ...C3, _rescued_data: null })],
    ['narrowed', mode, unchanged({ ...C3, paid_amount: '99', _rescued_data: null })],
    ['incompatible', mode, unchanged({ ...C3, service_date: null, _rescued_data: { service_date: '20240107', ...PATH } }, 'rescued')],
  ]),
  ['widened', 'addNewColumns', { decision: 'evolved', columns: BASE_HEADER, row: { ...C3, units: '1.5', _rescued_data: null }, types: V1_TYPES.map((t, i) => (i === 4 ? 'DOUBLE' : t)), versions: 2 }],
  ...(['rescue', 'failOnNewColumns', 'none'] as const).map((mode): [DriftKind, SchemaEvolutionMode, Cell] => [
    'widened',
    mode,
    unchanged({ ...C3, units: null, _rescued_data: { units: '1.5', ...PATH } }, 'rescued'),
  ]),
];

describe('schema drift through the planner and a real DuckDB catalog', () => {
  let fx: DriftFixture;

  beforeEach(async () => {
    fx = await driftFixture('drift');
  });
  afterEach(() => fx.cleanup());

  it('covers every kind × mode once', () => {
    expect(new Set(CELLS.map(([kind, mode]) => `${kind}/${mode}`)).size).toBe(24);
  });

  it.each(CELLS)('%s under %s', async (kind, mode, cell) => {
    const first = await fx.land('a.csv', BASE, mode);
    expect(first.report).toMatchObject({ previousFingerprint: null, changes: [], decision: 'unchanged' });
    const before = await rowsOf(fx.catalog, 'a.csv');

    const second = await fx.land(FILE, DRIFTED[kind], mode);

    expect(second.report?.decision).toBe(cell.decision);
    expect(second.report?.changes.map((change) => change.kind)).toEqual([kind]);
    const state = await tableState(fx.catalog);
    expect(state.columns).toEqual(cell.columns);
    expect(state.versions.map((v) => v.version)).toEqual(Array.from({ length: cell.versions }, (_, i) => i + 1));
    expect(state.versions.at(-1)!.columns.map((column) => column.type)).toEqual(cell.types);
    expect(await rowsOf(fx.catalog, FILE)).toEqual(cell.row === null ? [] : [cell.row]);
    expect(state.checkpoints).toBe(cell.row === null ? 1 : 2);
    expect(second.result).toEqual(cell.row === null ? null : { outcome: 'loaded', rows: 1 });
    // Whatever the change, rows already landed keep their values; an added column reads NULL there.
    const addedColumns = cell.columns.filter((column) => !BASE_HEADER.includes(column));
    expect(await rowsOf(fx.catalog, 'a.csv')).toEqual(before.map((row) => ({ ...row, ...Object.fromEntries(addedColumns.map((column) => [column, null])) })));
  });

  it('widens integers to decimals under addNewColumns, and rescues only the decimals under rescue', async () => {
    const decimals = 'claim_id,units\nC3,2\nC4,1.5\nC5,0.25\n';

    const evolving = await driftFixture('drift-widen');
    try {
      await evolving.land('a.csv', 'claim_id,units\nC1,1\nC2,2\n', 'addNewColumns');
      const widened = await evolving.land(FILE, decimals, 'addNewColumns');
      expect(widened.report?.changes).toEqual([{ kind: 'widened', column: 'units', fromType: 'BIGINT', toType: 'DOUBLE' }]);
      expect((await rowsOf(evolving.catalog, FILE)).map((row) => [row['units'], row['_rescued_data']])).toEqual([
        ['2', null],
        ['1.5', null],
        ['0.25', null],
      ]);
    } finally {
      await evolving.cleanup();
    }

    await fx.land('a.csv', 'claim_id,units\nC1,1\nC2,2\n', 'rescue');
    const kept = await fx.land(FILE, decimals, 'rescue');
    expect(kept.report?.decision).toBe('rescued');
    expect((await rowsOf(fx.catalog, FILE)).map((row) => [row['units'], row['_rescued_data']])).toEqual([
      ['2', null],
      [null, { units: '1.5', ...PATH }],
      [null, { units: '0.25', ...PATH }],
    ]);
    expect((await tableState(fx.catalog)).versions.map((v) => v.columns)).toEqual([[{ name: 'claim_id', type: 'VARCHAR' }, { name: 'units', type: 'BIGINT' }]]);
  });

  it("lands 'Billing Provider NPI' in billing_npi, recognised through the professional claims synonyms", async () => {
    await fx.land('a.csv', 'claim_id,billing_npi\nC1,1234567893\n', 'failOnNewColumns');
    const renamed = await fx.land(FILE, 'claim_id,Billing Provider NPI\nC2,1234567894\n', 'failOnNewColumns');

    expect(renamed.failure).toBeNull();
    expect(renamed.report?.changes).toEqual([{ kind: 'renamed', column: 'Billing Provider NPI', previousColumn: 'billing_npi' }]);
    expect(await rowsOf(fx.catalog, FILE)).toEqual([{ claim_id: 'C2', billing_npi: '1234567894', _rescued_data: null }]);
    expect((await tableState(fx.catalog)).columns).toEqual(['claim_id', 'billing_npi']);
  });

  it('leaves table, history and checkpoints untouched when failOnNewColumns fails a file', async () => {
    await fx.land('a.csv', BASE, 'failOnNewColumns');
    const before = await tableState(fx.catalog);

    const failed = await fx.land(FILE, DRIFTED.added, 'failOnNewColumns');

    expect(failed.failure).toBe(
      "file 'b.csv' has columns healthcare_data.bronze.claims lacks ('plan_code') and the pipeline's schemaEvolution mode is failOnNewColumns; the file was not landed",
    );
    expect(failed.result).toBeNull();
    expect(await tableState(fx.catalog)).toEqual(before);
    expect(await fx.catalog.countRows({ catalog: 'healthcare_data', schema: 'bronze', table: 'claims' })).toBe(2);
  });

  it('chains versions as the schema evolves file by file, and skips a file landed before', async () => {
    await fx.land('a.csv', 'claim_id,units\nC1,1\n', 'addNewColumns');
    const added = await fx.land('b.csv', 'claim_id,units,plan_code\nC2,2,P\n', 'addNewColumns');
    const widened = await fx.land('c.csv', 'claim_id,units,plan_code\nC3,2.5,Q\n', 'addNewColumns');
    const again = await fx.land('c.csv', 'claim_id,units,plan_code\nC3,2.5,Q\n', 'addNewColumns');

    expect(widened.report?.previousFingerprint).toBe(added.report?.fingerprint);
    expect(again.report).toBeNull();
    expect(again.result).toMatchObject({ outcome: 'already_ingested' });
    expect((await tableState(fx.catalog)).versions.map((v) => v.columns.map((c) => `${c.name}:${c.type}`))).toEqual([
      ['claim_id:VARCHAR', 'units:BIGINT'],
      ['claim_id:VARCHAR', 'units:BIGINT', 'plan_code:VARCHAR'],
      ['claim_id:VARCHAR', 'units:DOUBLE', 'plan_code:VARCHAR'],
    ]);
  });

  it('evolves NDJSON the same way, typing values from JSON', async () => {
    await fx.land('a.ndjson', '{"claim_id":"C1","units":1}\n', 'rescue', 'ndjson');
    const drifted = await fx.land('b.ndjson', '{"claim_id":"C2","units":"two","note":{"text":"call"}}\n', 'rescue', 'ndjson');

    expect(drifted.report?.changes).toEqual([
      { kind: 'widened', column: 'units', fromType: 'BIGINT', toType: 'VARCHAR' },
      { kind: 'added', column: 'note', toType: 'VARCHAR' },
    ]);
    expect(await rowsOf(fx.catalog, 'b.ndjson')).toEqual([
      { claim_id: 'C2', units: null, _rescued_data: { note: '{"text":"call"}', units: 'two', _file_path: 'b.ndjson' } },
    ]);
  });

  it('evolves Parquet by its declared types', async () => {
    const parquet = (select: string) => (path: string) => fx.catalog.execute(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
    await fx.land('a.parquet', parquet("SELECT 'C1' AS claim_id, 12.50::DECIMAL(10,2) AS paid_amount"), 'rescue', 'parquet');
    const drifted = await fx.land('b.parquet', parquet("SELECT * FROM (VALUES ('C2', 7.25::DOUBLE), ('C3', 12.345::DOUBLE)) t(claim_id, paid_amount)"), 'rescue', 'parquet');

    expect(drifted.report?.changes).toEqual([{ kind: 'widened', column: 'paid_amount', fromType: 'DECIMAL(10,2)', toType: 'DOUBLE' }]);
    // 12.345 would round to DECIMAL(10,2), so it does not fit; 7.25 does.
    expect(await rowsOf(fx.catalog, 'b.parquet')).toEqual([
      { claim_id: 'C2', paid_amount: '7.25', _rescued_data: null },
      { claim_id: 'C3', paid_amount: null, _rescued_data: { paid_amount: '12.345', _file_path: 'b.parquet' } },
    ]);
  });
});

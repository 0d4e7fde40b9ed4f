import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenantCatalog } from '@ade/lakehouse';
import { bronzeRequest, CATALOG, CLAIM_HEADER, CLAIMS, claimRows, csv, describeFile, landFile, lakehouseFixture, locatorFor, type LakehouseFixture } from './fixtures';

describe('DuckDbTenantCatalog.ingestBronze', () => {
  let fx: LakehouseFixture;
  let catalog: TenantCatalog;

  beforeEach(async () => {
    fx = await lakehouseFixture('ingest');
    const locator = locatorFor();
    await fx.lakehouse.provision(locator);
    catalog = await fx.lakehouse.open(locator);
  });
  afterEach(() => fx.cleanup());

  it('lands a CSV as raw strings with ingest metadata and a checkpoint', async () => {
    const file = await landFile(fx.dir, '2024/claims-01.csv', csv(CLAIM_HEADER, [['C000001', "O'Brien, Pat", '1234567893', '0012.50']]));
    const request = bronzeRequest(file);

    expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 1 });

    const columns = await catalog.query(
      `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = '${CATALOG}' AND table_name = 'claims' ORDER BY column_index`,
    );
    expect(columns).toEqual([
      ...CLAIM_HEADER.map((name) => ({ column_name: name, data_type: 'VARCHAR' })),
      { column_name: '_source_file', data_type: 'VARCHAR' },
      { column_name: '_ingested_at', data_type: 'TIMESTAMP WITH TIME ZONE' },
      { column_name: '_run_id', data_type: 'VARCHAR' },
      { column_name: '_rescued_data', data_type: 'VARCHAR' },
    ]);
    const [row] = await catalog.query(`SELECT * EXCLUDE (_ingested_at) FROM ${CATALOG}.bronze.claims`);
    expect(row).toEqual({
      claim_id: 'C000001',
      member_name: "O'Brien, Pat",
      billing_npi: '1234567893',
      paid_amount: '0012.50',
      _source_file: '2024/claims-01.csv',
      _run_id: request.runId,
      _rescued_data: null,
    });
    const checkpoints = await catalog.query(
      `SELECT pipeline_id, source_file, content_hash, file_size, target_table, run_id, row_count FROM ${CATALOG}._system.ingest_checkpoints`,
    );
    expect(checkpoints).toEqual([
      {
        pipeline_id: request.pipelineId,
        source_file: '2024/claims-01.csv',
        content_hash: file.contentHash,
        file_size: String(file.sizeBytes),
        target_table: 'healthcare_data.bronze.claims',
        run_id: request.runId,
        row_count: '1',
      },
    ]);
  });

  it('skips a delivery it already landed and says which run landed it', async () => {
    const file = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, claimRows(3)));
    const first = bronzeRequest(file);
    await catalog.ingestBronze(first);

    const again = await catalog.ingestBronze(bronzeRequest(file));

    expect(again).toEqual({ outcome: 'already_ingested', rows: 3, byRunId: first.runId });
    expect(await catalog.countRows(CLAIMS)).toBe(3);
  });

  it('lands the same name again when its content changed, and appends', async () => {
    await catalog.ingestBronze(bronzeRequest(await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, claimRows(2)))));
    const changed = await landFile(fx.dir, 'claims.csv', csv(CLAIM_HEADER, claimRows(3, 10)));

    expect(await catalog.ingestBronze(bronzeRequest(changed))).toEqual({ outcome: 'loaded', rows: 3 });
    expect(await catalog.countRows(CLAIMS)).toBe(5);
  });

  it('matches columns by name, so a later file may reorder or omit columns', async () => {
    await catalog.ingestBronze(bronzeRequest(await landFile(fx.dir, 'a.csv', csv(CLAIM_HEADER, claimRows(1)))));
    const reordered = await landFile(fx.dir, 'b.csv', csv(['paid_amount', 'claim_id'], [['9.99', 'C999999']]));

    await catalog.ingestBronze(bronzeRequest(reordered));

    const rows = await catalog.query(`SELECT claim_id, member_name, paid_amount FROM ${CATALOG}.bronze.claims WHERE _source_file = 'b.csv'`);
    expect(rows).toEqual([{ claim_id: 'C999999', member_name: null, paid_amount: '9.99' }]);
  });

  it('honours delimiter, quote and header options', async () => {
    const piped = await landFile(fx.dir, 'piped.txt', "C1|'Doe|Jane'|1234567893|5\n");
    const result = await catalog.ingestBronze(
      bronzeRequest(piped, { options: { delimiter: '|', quote: "'", header: false }, table: { ...CLAIMS, table: 'piped' } }),
    );

    expect(result).toEqual({ outcome: 'loaded', rows: 1 });
    const rows = await catalog.query(`SELECT column0, column1, column3 FROM ${CATALOG}.bronze.piped`);
    expect(rows).toEqual([{ column0: 'C1', column1: 'Doe|Jane', column3: '5' }]);
  });

  it("keeps values with '#' whole and never skips a leading line", async () => {
    const file = await landFile(fx.dir, 'hash.csv', 'claim_id,address\n# C1,Apt #5\nC2,Main St #7\n');
    await catalog.ingestBronze(bronzeRequest(file));
    expect(await catalog.query(`SELECT claim_id, address FROM ${CATALOG}.bronze.claims ORDER BY 1`)).toEqual([
      { claim_id: '# C1', address: 'Apt #5' },
      { claim_id: 'C2', address: 'Main St #7' },
    ]);
  });

  it('lands a header-only file as zero rows, and checkpoints it', async () => {
    const file = await landFile(fx.dir, 'none.csv', `${CLAIM_HEADER.join(',')}\n`);
    expect(await catalog.ingestBronze(bronzeRequest(file))).toEqual({ outcome: 'loaded', rows: 0 });
    expect(await catalog.ingestBronze(bronzeRequest(file))).toMatchObject({ outcome: 'already_ingested', rows: 0 });
    expect(await catalog.countRows(CLAIMS)).toBe(0);
  });

  it('auto-detects a tab delimiter when none is configured', async () => {
    const tsv = await landFile(fx.dir, 'claims.tsv', csv(CLAIM_HEADER, claimRows(2), '\t'));
    await catalog.ingestBronze(bronzeRequest(tsv));
    expect(await catalog.query(`SELECT claim_id FROM ${CATALOG}.bronze.claims ORDER BY 1`)).toEqual([{ claim_id: 'C000001' }, { claim_id: 'C000002' }]);
  });

  it('lands NDJSON with every value as its raw text', async () => {
    const lines = [
      '{"claim_id":"00123","service_date":"2024-01-05T10:00:00Z","units":12345678901234567890123,"dx":{"primary":"E11.9"}}',
      '{"claim_id":"7","service_date":"01/06/2024","units":2}',
    ];
    const file = await landFile(fx.dir, 'claims.ndjson', `${lines.join('\n')}\n`);

    await catalog.ingestBronze(bronzeRequest(file, { format: 'ndjson' }));

    const rows = await catalog.query(`SELECT claim_id, service_date, units, dx FROM ${CATALOG}.bronze.claims ORDER BY _source_file, claim_id`);
    expect(rows).toEqual([
      { claim_id: '00123', service_date: '2024-01-05T10:00:00Z', units: '12345678901234567890123', dx: '{"primary":"E11.9"}' },
      { claim_id: '7', service_date: '01/06/2024', units: '2', dx: null },
    ]);
  });

  it('lands Parquet with every column cast to VARCHAR', async () => {
    await mkdir(join(fx.dir, 'landing'), { recursive: true });
    const path = join(fx.dir, 'landing', 'claims.parquet');
    await catalog.execute(`COPY (SELECT 'C1' AS claim_id, 12.50::DECIMAL(10,2) AS paid_amount, DATE '2024-02-29' AS service_date) TO '${path}' (FORMAT parquet)`);
    const file = await describeFile(path, 'claims.parquet', await readFile(path));

    await catalog.ingestBronze(bronzeRequest(file, { format: 'parquet' }));

    const rows = await catalog.query(`SELECT claim_id, paid_amount, service_date, _source_file FROM ${CATALOG}.bronze.claims`);
    expect(rows).toEqual([{ claim_id: 'C1', paid_amount: '12.50', service_date: '2024-02-29', _source_file: 'claims.parquet' }]);
  });
});

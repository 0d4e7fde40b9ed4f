import { describe, expect, it } from 'vitest';
import { createBronzeTableSql, insertBronzeSql } from './bronze.sql';

const table = { catalog: 'healthcare_data', schema: 'bronze', table: 'claims' };
const source = "SELECT * FROM read_csv('/landing/claims.csv')";

describe('bronze SQL', () => {
  it('creates the table from the source columns plus ingest metadata', () => {
    expect(createBronzeTableSql(table, source)).toMatchInlineSnapshot(`
      "CREATE TABLE IF NOT EXISTS "healthcare_data"."bronze"."claims" AS
      SELECT src.*, NULL::VARCHAR AS _source_file, NULL::TIMESTAMPTZ AS _ingested_at, NULL::VARCHAR AS _run_id, NULL::VARCHAR AS _rescued_data
      FROM (SELECT * FROM read_csv('/landing/claims.csv')) AS src
      LIMIT 0"
    `);
  });

  it('inserts by name with the metadata filled in', () => {
    expect(insertBronzeSql(table, source, { sourceFile: "2024/o'neil.csv", runId: '5d2c0e4a-8a7b-4b1e-9f3a-2c1d0e9f8a7b' })).toMatchInlineSnapshot(`
      "INSERT INTO "healthcare_data"."bronze"."claims" BY NAME
      SELECT src.*, '2024/o''neil.csv' AS _source_file, current_timestamp AS _ingested_at, '5d2c0e4a-8a7b-4b1e-9f3a-2c1d0e9f8a7b' AS _run_id, NULL::VARCHAR AS _rescued_data
      FROM (SELECT * FROM read_csv('/landing/claims.csv')) AS src"
    `);
  });

  it('refuses a table name that is not an identifier', () => {
    expect(() => createBronzeTableSql({ ...table, table: 'claims; DROP' }, source)).toThrow(/identifier/);
  });
});

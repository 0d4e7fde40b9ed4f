import { describe, expect, it } from 'vitest';
import { addBronzeColumnSql, createPlannedBronzeTableSql, insertPlannedBronzeSql } from './planned-bronze.sql';

const table = { catalog: 'healthcare_data', schema: 'bronze', table: 'claims' };
const source = "SELECT * FROM read_csv('/landing/claims.csv')";
const metadata = { sourceFile: "2024/o'neil.csv", runId: '5d2c0e4a-8a7b-4b1e-9f3a-2c1d0e9f8a7b' };

describe('planned bronze SQL', () => {
  it('creates the table with the planned columns as text, plus ingest metadata', () => {
    expect(createPlannedBronzeTableSql(table, ['claim_id', 'Paid "Amt"'])).toMatchInlineSnapshot(`
      "CREATE TABLE IF NOT EXISTS "healthcare_data"."bronze"."claims" (
        "claim_id" VARCHAR,
        "Paid ""Amt""" VARCHAR,
        _source_file VARCHAR,
        _ingested_at TIMESTAMPTZ,
        _run_id VARCHAR,
        _rescued_data VARCHAR
      )"
    `);
  });

  it('adds a column only when the table lacks it', () => {
    expect(addBronzeColumnSql(table, 'Plan Code')).toMatchInlineSnapshot(`"ALTER TABLE "healthcare_data"."bronze"."claims" ADD COLUMN IF NOT EXISTS "Plan Code" VARCHAR"`);
  });

  it('lands by an explicit projection, rescuing headers and values that do not fit', () => {
    const plan = {
      land: [
        { source: 'claim_id', column: 'claim_id', type: 'VARCHAR' },
        { source: 'Billing Provider NPI', column: 'billing_npi', type: 'BIGINT' },
      ],
      rescue: ['plan_code'],
    };
    expect(insertPlannedBronzeSql(table, source, plan, metadata)).toMatchInlineSnapshot(`
      "INSERT INTO "healthcare_data"."bronze"."claims" ("claim_id", "billing_npi", _source_file, _ingested_at, _run_id, _rescued_data)
      SELECT
        src."claim_id",
        CASE WHEN __fits_1 THEN src."Billing Provider NPI" END,
        '2024/o''neil.csv',
        current_timestamp,
        '5d2c0e4a-8a7b-4b1e-9f3a-2c1d0e9f8a7b',
        CASE WHEN src."plan_code" IS NOT NULL OR NOT __fits_1 THEN json_merge_patch('{}', json_object('plan_code', src."plan_code", 'Billing Provider NPI', CASE WHEN NOT __fits_1 THEN src."Billing Provider NPI" END, '_file_path', '2024/o''neil.csv'))::VARCHAR END
      FROM (SELECT src.*, NOT (src."Billing Provider NPI" IS NOT NULL AND NOT coalesce(CASE WHEN regexp_full_match(src."Billing Provider NPI", '-?[0-9]{1,18}') THEN true ELSE TRY_CAST(src."Billing Provider NPI" AS BIGINT) = TRY_CAST(src."Billing Provider NPI" AS DECIMAL(38,19)) END, false)) AS __fits_1 FROM (SELECT * FROM read_csv('/landing/claims.csv')) AS src) AS src"
    `);
  });

  it('writes NULL rescued data when nothing can be rescued', () => {
    const plan = { land: [{ source: 'claim_id', column: 'claim_id', type: 'VARCHAR' }], rescue: [] };
    expect(insertPlannedBronzeSql(table, source, plan, metadata)).toMatchInlineSnapshot(`
      "INSERT INTO "healthcare_data"."bronze"."claims" ("claim_id", _source_file, _ingested_at, _run_id, _rescued_data)
      SELECT
        src."claim_id",
        '2024/o''neil.csv',
        current_timestamp,
        '5d2c0e4a-8a7b-4b1e-9f3a-2c1d0e9f8a7b',
        NULL::VARCHAR
      FROM (SELECT src.* FROM (SELECT * FROM read_csv('/landing/claims.csv')) AS src) AS src"
    `);
  });
});

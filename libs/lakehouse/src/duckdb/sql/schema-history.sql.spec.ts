import { describe, expect, it } from 'vitest';
import { insertSchemaVersionSql, latestSchemaVersionSql } from './schema-history.sql';

describe('schema history SQL', () => {
  it('reads the latest version of one table', () => {
    expect(latestSchemaVersionSql('healthcare_data', 'healthcare_data.bronze.claims')).toMatchInlineSnapshot(`
      "SELECT version, fingerprint, columns::VARCHAR AS columns, run_id, source_file, epoch_ms(recorded_at) AS recorded_at_ms
      FROM "healthcare_data"."_system"."schema_history"
      WHERE table_name = 'healthcare_data.bronze.claims'
      ORDER BY version DESC
      LIMIT 1"
    `);
  });

  it('records a version with its columns as JSON', () => {
    expect(
      insertSchemaVersionSql('healthcare_data', {
        tableName: 'healthcare_data.bronze.claims',
        version: 2,
        fingerprint: 'ab'.repeat(32),
        columns: [
          { name: 'claim_id', type: 'VARCHAR' },
          { name: "Member's \"Paid\" Amt", type: 'DOUBLE' },
        ],
        runId: '5d2c0e4a-8a7b-4b1e-9f3a-2c1d0e9f8a7b',
        sourceFile: "2024/o'neil.csv",
      }),
    ).toMatchInlineSnapshot(`
      "INSERT INTO "healthcare_data"."_system"."schema_history"
      (table_name, version, fingerprint, columns, run_id, source_file, recorded_at)
      VALUES ('healthcare_data.bronze.claims', 2, 'abababababababababababababababababababababababababababababababab', '[{"name":"claim_id","type":"VARCHAR"},{"name":"Member''s \\"Paid\\" Amt","type":"DOUBLE"}]'::JSON, '5d2c0e4a-8a7b-4b1e-9f3a-2c1d0e9f8a7b', '2024/o''neil.csv', current_timestamp)"
    `);
  });
});

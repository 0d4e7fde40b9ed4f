import { describe, expect, it } from 'vitest';
import { findCheckpointSql, insertCheckpointSql } from './checkpoint.sql';

const key = { pipelineId: 'a1f0c6d2-5b7e-4c8f-9d0a-1b2c3d4e5f60', sourceFile: "2024/o'neil.csv", contentHash: 'ab'.repeat(32) };

describe('checkpoint SQL', () => {
  it('finds a delivery by pipeline, name and content', () => {
    expect(findCheckpointSql('healthcare_data', key)).toMatchInlineSnapshot(`
      "SELECT run_id, row_count FROM "healthcare_data"."_system"."ingest_checkpoints"
      WHERE pipeline_id = 'a1f0c6d2-5b7e-4c8f-9d0a-1b2c3d4e5f60' AND source_file = '2024/o''neil.csv' AND content_hash = 'abababababababababababababababababababababababababababababababab'"
    `);
  });

  it('records a landed delivery', () => {
    expect(
      insertCheckpointSql('healthcare_data', {
        ...key,
        fileSize: 179_306_496,
        fileModifiedAt: new Date('2024-03-01T06:00:00Z'),
        targetTable: 'healthcare_data.bronze.claims',
        runId: '5d2c0e4a-8a7b-4b1e-9f3a-2c1d0e9f8a7b',
        rowCount: 1_000_000,
      }),
    ).toMatchInlineSnapshot(`
      "INSERT INTO "healthcare_data"."_system"."ingest_checkpoints"
      (pipeline_id, source_file, content_hash, file_size, file_modified_at, target_table, run_id, row_count, ingested_at)
      VALUES ('a1f0c6d2-5b7e-4c8f-9d0a-1b2c3d4e5f60', '2024/o''neil.csv', 'abababababababababababababababababababababababababababababababab', 179306496, '2024-03-01T06:00:00.000Z'::TIMESTAMPTZ, 'healthcare_data.bronze.claims', '5d2c0e4a-8a7b-4b1e-9f3a-2c1d0e9f8a7b', 1000000, current_timestamp)"
    `);
  });
});

import { describe, expect, it } from 'vitest';
import { insertQuarantineSql, quarantinedFilesSql, resetThreadsSql, singleThreadSql } from './quarantine.sql';

describe('quarantine SQL', () => {
  it('records a quarantined file once, with the reason', () => {
    expect(
      insertQuarantineSql('healthcare_data', { pipelineId: 'p1', sourceFile: "in/o'brien.csv", contentHash: 'abc', runId: 'r1', reason: 'truncated' }),
    ).toMatchInlineSnapshot(`
      "INSERT INTO "healthcare_data"."_system"."quarantined_files" (pipeline_id, source_file, content_hash, run_id, reason, quarantined_at)
      VALUES ('p1', 'in/o''brien.csv', 'abc', 'r1', 'truncated', current_timestamp)
      ON CONFLICT DO NOTHING"
    `);
  });

  it('lists a pipeline’s quarantined files', () => {
    expect(quarantinedFilesSql('healthcare_data', 'p1')).toMatchInlineSnapshot(`
      "SELECT source_file, content_hash, run_id, reason, quarantined_at FROM "healthcare_data"."_system"."quarantined_files"
      WHERE pipeline_id = 'p1' ORDER BY quarantined_at, source_file"
    `);
    expect([singleThreadSql(), resetThreadsSql()]).toEqual(['SET threads = 1', 'RESET threads']);
  });
});

import { SYSTEM_SCHEMA } from './catalog.sql';
import { quoteIdentifier, sqlString } from './literals';

export type { QuarantineEntry } from '../../landing/system-records';
import type { QuarantineEntry } from '../../landing/system-records';

const table = (catalogName: string) => `${quoteIdentifier(catalogName)}.${quoteIdentifier(SYSTEM_SCHEMA)}."quarantined_files"`;

/** A repeated quarantine of the same delivery (a retried job) records nothing new. */
export function insertQuarantineSql(catalogName: string, entry: QuarantineEntry): string {
  return `INSERT INTO ${table(catalogName)} (pipeline_id, source_file, content_hash, run_id, reason, quarantined_at)
VALUES (${sqlString(entry.pipelineId)}, ${sqlString(entry.sourceFile)}, ${sqlString(entry.contentHash)}, ${sqlString(entry.runId)}, ${sqlString(entry.reason)}, current_timestamp)
ON CONFLICT DO NOTHING`;
}

export function quarantinedFilesSql(catalogName: string, pipelineId: string): string {
  return `SELECT source_file, content_hash, run_id, reason, quarantined_at FROM ${table(catalogName)}
WHERE pipeline_id = ${sqlString(pipelineId)} ORDER BY quarantined_at, source_file`;
}

/** Parallelism is a setting of the tenant's instance; a session lowers it while it needs headroom. */
export function singleThreadSql(): string {
  return 'SET threads = 1';
}

export function resetThreadsSql(): string {
  return 'RESET threads';
}

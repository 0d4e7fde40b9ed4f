import type { Checkpoint, CheckpointKey, QuarantineEntry, SchemaVersion } from '../../landing/system-records';
import { checkpointsTable, historyTable, quarantinedFilesTable } from './catalog.sql';
import { sqlInteger, sqlString, sqlTimestamp } from './literals';

/**
 * Statements on the catalog's system tables. Delta enforces no keys, so each write that the
 * embedded engine guards with a primary key is a MERGE on that key here: a repeated write finds
 * the row and leaves it, and of two racing writers Delta fails one with a concurrent-append
 * conflict.
 */


const sameDelivery = (key: CheckpointKey) =>
  `pipeline_id = ${sqlString(key.pipelineId)} AND source_file = ${sqlString(key.sourceFile)} AND content_hash = ${sqlString(key.contentHash)}`;

export function findCheckpointSql(key: CheckpointKey): string {
  return `SELECT run_id, row_count FROM ${checkpointsTable()} WHERE ${sameDelivery(key)}`;
}

export function mergeCheckpointSql(checkpoint: Checkpoint): string {
  return `MERGE INTO ${checkpointsTable()} AS c
USING (SELECT ${sqlString(checkpoint.pipelineId)} AS pipeline_id, ${sqlString(checkpoint.sourceFile)} AS source_file, ${sqlString(checkpoint.contentHash)} AS content_hash,
  ${sqlInteger(checkpoint.fileSize)} AS file_size, ${sqlTimestamp(checkpoint.fileModifiedAt)} AS file_modified_at, ${sqlString(checkpoint.targetTable)} AS target_table,
  ${sqlString(checkpoint.runId)} AS run_id, ${sqlInteger(checkpoint.rowCount)} AS row_count, current_timestamp() AS ingested_at) AS s
ON c.pipeline_id = s.pipeline_id AND c.source_file = s.source_file AND c.content_hash = s.content_hash
WHEN NOT MATCHED THEN INSERT (pipeline_id, source_file, content_hash, file_size, file_modified_at, target_table, run_id, row_count, ingested_at)
VALUES (s.pipeline_id, s.source_file, s.content_hash, s.file_size, s.file_modified_at, s.target_table, s.run_id, s.row_count, s.ingested_at)`;
}


/** A repeated quarantine of the same delivery (a retried job) records nothing new. */
export function mergeQuarantineSql(entry: QuarantineEntry): string {
  return `MERGE INTO ${quarantinedFilesTable()} AS q
USING (SELECT ${sqlString(entry.pipelineId)} AS pipeline_id, ${sqlString(entry.sourceFile)} AS source_file, ${sqlString(entry.contentHash)} AS content_hash,
  ${sqlString(entry.runId)} AS run_id, ${sqlString(entry.reason)} AS reason, current_timestamp() AS quarantined_at) AS s
ON q.pipeline_id = s.pipeline_id AND q.source_file = s.source_file AND q.content_hash = s.content_hash
WHEN NOT MATCHED THEN INSERT (pipeline_id, source_file, content_hash, run_id, reason, quarantined_at)
VALUES (s.pipeline_id, s.source_file, s.content_hash, s.run_id, s.reason, s.quarantined_at)`;
}

export function quarantinedFilesSql(pipelineId: string): string {
  return `SELECT source_file, content_hash, run_id, reason, unix_millis(quarantined_at) AS quarantined_at_ms FROM ${quarantinedFilesTable()}
WHERE pipeline_id = ${sqlString(pipelineId)} ORDER BY quarantined_at, source_file`;
}


/** The latest version only; `recorded_at` as epoch milliseconds so it reads back without time-zone parsing. */
export function latestSchemaVersionSql(tableName: string): string {
  return `SELECT version, fingerprint, columns, run_id, source_file, unix_millis(recorded_at) AS recorded_at_ms
FROM ${historyTable()}
WHERE table_name = ${sqlString(tableName)}
ORDER BY version DESC
LIMIT 1`;
}

/**
 * Version n is written once: a second run that planned from the same version finds it taken,
 * inserts nothing, and learns so from the fingerprint read back (see versionOwnerSql).
 */
export function mergeSchemaVersionSql(entry: SchemaVersion): string {
  const columns = JSON.stringify(entry.columns.map(({ name, type }) => ({ name, type })));
  return `MERGE INTO ${historyTable()} AS h
USING (SELECT ${sqlString(entry.tableName)} AS table_name, ${sqlInteger(entry.version)} AS version, ${sqlString(entry.fingerprint)} AS fingerprint,
  ${sqlString(columns)} AS columns, ${sqlString(entry.runId)} AS run_id, ${sqlString(entry.sourceFile)} AS source_file, current_timestamp() AS recorded_at) AS s
ON h.table_name = s.table_name AND h.version = s.version
WHEN NOT MATCHED THEN INSERT (table_name, version, fingerprint, columns, run_id, source_file, recorded_at)
VALUES (s.table_name, s.version, s.fingerprint, s.columns, s.run_id, s.source_file, s.recorded_at)`;
}

export function versionOwnerSql(tableName: string, version: number): string {
  return `SELECT run_id, fingerprint FROM ${historyTable()} WHERE table_name = ${sqlString(tableName)} AND version = ${sqlInteger(version)}`;
}

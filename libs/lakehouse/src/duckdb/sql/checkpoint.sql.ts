import { quoteIdentifier, sqlInteger, sqlString, sqlTimestamp } from './literals';
import { SYSTEM_SCHEMA } from './catalog.sql';

export type { Checkpoint, CheckpointKey } from '../../landing/system-records';
import type { Checkpoint, CheckpointKey } from '../../landing/system-records';

function checkpointsTable(catalogName: string): string {
  return `${quoteIdentifier(catalogName)}.${quoteIdentifier(SYSTEM_SCHEMA)}."ingest_checkpoints"`;
}

export function findCheckpointSql(catalogName: string, key: CheckpointKey): string {
  return `SELECT run_id, row_count FROM ${checkpointsTable(catalogName)}
WHERE pipeline_id = ${sqlString(key.pipelineId)} AND source_file = ${sqlString(key.sourceFile)} AND content_hash = ${sqlString(key.contentHash)}`;
}

export function insertCheckpointSql(catalogName: string, checkpoint: Checkpoint): string {
  const values = [
    sqlString(checkpoint.pipelineId),
    sqlString(checkpoint.sourceFile),
    sqlString(checkpoint.contentHash),
    sqlInteger(checkpoint.fileSize),
    sqlTimestamp(checkpoint.fileModifiedAt),
    sqlString(checkpoint.targetTable),
    sqlString(checkpoint.runId),
    sqlInteger(checkpoint.rowCount),
    'current_timestamp',
  ];
  return `INSERT INTO ${checkpointsTable(catalogName)}
(pipeline_id, source_file, content_hash, file_size, file_modified_at, target_table, run_id, row_count, ingested_at)
VALUES (${values.join(', ')})`;
}

import type { SchemaColumn } from '@ade/contracts';
import type { QuarantinedFile, Row } from '../lakehouse.port';

/** The rows of a catalog's system tables, as both engines write them. */

/** Same pipeline + same name + same content = the same delivery. */
export interface CheckpointKey {
  pipelineId: string;
  sourceFile: string;
  contentHash: string;
}

export interface Checkpoint extends CheckpointKey {
  fileSize: number;
  fileModifiedAt: Date;
  targetTable: string;
  runId: string;
  rowCount: number;
}

export interface QuarantineEntry extends CheckpointKey {
  runId: string;
  reason: string;
}

/** A quarantined_files row read back; each engine reads the time its own way. */
export function quarantinedFileOf(row: Row, quarantinedAt: Date): QuarantinedFile {
  return { sourceFile: String(row['source_file']), contentHash: String(row['content_hash']), runId: String(row['run_id']), reason: String(row['reason']), quarantinedAt };
}

export interface SchemaVersion {
  /** `catalog.schema.table`, as checkpoints name their target. */
  tableName: string;
  version: number;
  fingerprint: string;
  columns: SchemaColumn[];
  runId: string;
  sourceFile: string;
}

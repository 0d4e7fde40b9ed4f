import type { SchemaColumn } from '@ade/contracts';

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

export interface SchemaVersion {
  /** `catalog.schema.table`, as checkpoints name their target. */
  tableName: string;
  version: number;
  fingerprint: string;
  columns: SchemaColumn[];
  runId: string;
  sourceFile: string;
}

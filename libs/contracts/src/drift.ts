import { z } from 'zod';
import { sourceColumnName } from './column-names';
import { SCHEMA_EVOLUTION_MODES } from './pipeline-options';

/** Kinds of schema change between a file and its table's registered schema. */
export const DRIFT_KINDS = ['added', 'removed', 'renamed', 'widened', 'narrowed', 'incompatible'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** What the run did about the drift. */
export const DRIFT_DECISIONS = ['evolved', 'rescued', 'ignored', 'failed', 'unchanged'] as const;
export type DriftDecision = (typeof DRIFT_DECISIONS)[number];

const columnName = sourceColumnName;
const logicalType = z.string().min(1).max(64);

export const schemaColumnSchema = z.object({ name: columnName, type: logicalType }).strict();
export type SchemaColumn = z.infer<typeof schemaColumnSchema>;

export const driftChangeSchema = z
  .object({
    kind: z.enum(DRIFT_KINDS),
    /** The column as the file names it (for removed: as the table names it). */
    column: columnName,
    /** For renamed: the table column the file's column was recognised as. */
    previousColumn: columnName.optional(),
    fromType: logicalType.optional(),
    toType: logicalType.optional(),
  })
  .strict();
export type DriftChange = z.infer<typeof driftChangeSchema>;

/**
 * Headers and types only: column names describe the layout, never the data, so a drift report
 * may travel to the control plane.
 */
export const driftReportSchema = z
  .object({
    file: z.string().min(1).max(1024),
    table: z.string().min(1).max(200),
    mode: z.enum(SCHEMA_EVOLUTION_MODES),
    /** SHA-256 of the file's column names and types, in order. */
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    previousFingerprint: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    columns: z.array(schemaColumnSchema).max(2000),
    changes: z.array(driftChangeSchema).max(2000),
    decision: z.enum(DRIFT_DECISIONS),
  })
  .strict();
export type DriftReport = z.infer<typeof driftReportSchema>;

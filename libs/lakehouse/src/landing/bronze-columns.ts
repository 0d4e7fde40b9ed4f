import { ContractViolation } from '@ade/contracts';

/** Columns the ingest adds to every bronze row, on every engine; a source file may not bring its own. */
export const BRONZE_METADATA_COLUMNS = ['_source_file', '_ingested_at', '_run_id', '_rescued_data'] as const;

/** Upper-case words with an optional `(precision,scale)`: every scalar type name, and nothing that could carry SQL. */
const LOGICAL_TYPE = /^[A-Z][A-Z_]*(?: [A-Z][A-Z_]*)*(?:\(\d{1,2},\d{1,2}\))?$/;

/**
 * A registered logical type (the embedded engine's type names, e.g. `BIGINT`, `DECIMAL(18,2)`,
 * `TIMESTAMP WITH TIME ZONE`), checked before any engine renders it into SQL.
 */
export function assertLogicalTypeName(type: string): string {
  if (!LOGICAL_TYPE.test(type)) throw new ContractViolation(`'${type.slice(0, 64)}' is not a logical type name`);
  return type;
}

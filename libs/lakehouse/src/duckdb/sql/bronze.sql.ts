import type { TableRef } from '@ade/contracts';
import { qualifiedTableName, sqlString } from './literals';

export { BRONZE_METADATA_COLUMNS } from '../../landing/bronze-columns';

/**
 * Creates the table from the source's own (all-VARCHAR) columns with LIMIT 0, so header names
 * from the file are never spliced into DDL by us.
 */
export function createBronzeTableSql(table: TableRef, sourceSql: string): string {
  return `CREATE TABLE IF NOT EXISTS ${qualifiedTableName(table)} AS
SELECT src.*, NULL::VARCHAR AS _source_file, NULL::TIMESTAMPTZ AS _ingested_at, NULL::VARCHAR AS _run_id, NULL::VARCHAR AS _rescued_data
FROM (${sourceSql}) AS src
LIMIT 0`;
}

export interface BronzeRowMetadata {
  sourceFile: string;
  runId: string;
}

/** BY NAME: columns match on header, so a file with reordered or missing columns still lands. */
export function insertBronzeSql(table: TableRef, sourceSql: string, metadata: BronzeRowMetadata): string {
  return `INSERT INTO ${qualifiedTableName(table)} BY NAME
SELECT src.*, ${sqlString(metadata.sourceFile)} AS _source_file, current_timestamp AS _ingested_at, ${sqlString(metadata.runId)} AS _run_id, NULL::VARCHAR AS _rescued_data
FROM (${sourceSql}) AS src`;
}

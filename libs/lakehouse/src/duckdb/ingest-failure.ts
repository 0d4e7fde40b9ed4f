import { formatTableName } from '@ade/contracts';
import { LakehouseError } from '../errors';
import type { BronzeIngestRequest } from '../lakehouse.port';
import { engineErrorFacts } from './engine-error';

/** `read`: the engine was only reading the source (sniffing it); `write`: inside the transaction. */
export type IngestPhase = 'read' | 'write';

/**
 * Turns whatever DuckDB threw during an ingest into a LakehouseError (or, for the unforeseen, a
 * plain Error) whose message names the file and the table and nothing from inside the file.
 */
export function ingestFailure(error: unknown, phase: IngestPhase, request: BronzeIngestRequest): Error {
  if (error instanceof LakehouseError) return error;
  const facts = engineErrorFacts(error);
  const file = `'${request.file.displayPath}'`;
  const table = formatTableName(request.table);
  const engine = `(DuckDB ${facts.errorClass})`;

  // A duplicate checkpoint key can only come from a concurrent ingest of the same delivery:
  // bronze tables have no keys.
  if (facts.writeConflict || (phase === 'write' && facts.duplicateKey)) {
    return new LakehouseError(
      'conflict',
      `a concurrent transaction wrote to catalog '${request.table.catalog}' while ${file} was ingested into ${table}; retry the ingest`,
    );
  }
  if (facts.missingFile && facts.mentions(request.file.path)) {
    return new LakehouseError('source_not_found', `source file ${file} was not found`);
  }
  const unreadable = new LakehouseError(
    'source_unreadable',
    `source file ${file} could not be read as ${request.format}${facts.line ? ` near line ${facts.line}` : ''} ${engine}`,
  );
  if (phase === 'read') return unreadable;
  if (facts.errorClass === 'Conversion Error') {
    return new LakehouseError('schema_mismatch', `values in ${file} do not fit the column types of ${table} ${engine}`);
  }
  if (facts.errorClass === 'Invalid Input Error') return unreadable;
  if (facts.errorClass === 'IO Error') {
    return facts.mentions(request.file.path)
      ? unreadable
      : new LakehouseError('catalog_unavailable', `catalog '${request.table.catalog}' could not be written while ingesting ${file} ${engine}`);
  }
  return new Error(`ingesting ${file} into ${table} failed ${engine}`);
}

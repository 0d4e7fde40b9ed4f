import { ContractViolation, formatTableName, type TabularFormat } from '@ade/contracts';
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
  // Both are ours, with messages written to be passed on (a ContractViolation: a plan that does not fit).
  if (error instanceof LakehouseError || error instanceof ContractViolation) return error;
  const facts = engineErrorFacts(error);
  const file = `'${request.file.displayPath}'`;
  const table = formatTableName(request.table);
  const engine = `(DuckDB ${facts.errorClass})`;

  // A duplicate key (a checkpoint, or a schema version) can only come from a concurrent ingest:
  // bronze tables have no keys.
  if (facts.writeConflict || (phase === 'write' && facts.duplicateKey)) {
    return new LakehouseError(
      'conflict',
      `a concurrent transaction wrote to catalog '${request.table.catalog}' while ${file} was ingested into ${table}; retry the ingest`,
    );
  }
  if (facts.errorClass === 'Out of Memory Error' || facts.diskFull) {
    const resource = facts.diskFull ? 'disk space' : 'memory';
    return new LakehouseError('resource_exhausted', `ran out of ${resource} while ingesting ${file} into ${table} ${engine}`);
  }
  const unreadable = sourceReadFailure(error, { ...request.file, format: request.format });
  if (phase === 'read' || unreadable.kind === 'source_not_found') return unreadable;
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

/** What a read failure names: the file as the pipeline calls it, and the format it was read as. */
export interface SourceRef {
  path: string;
  displayPath: string;
  format: TabularFormat;
}

/** A failure while only reading a source (sniffing, inferring, describing): missing or unreadable. */
export function sourceReadFailure(error: unknown, source: SourceRef): LakehouseError {
  if (error instanceof LakehouseError) return error;
  const facts = engineErrorFacts(error);
  const file = `'${source.displayPath}'`;
  if (facts.missingFile && facts.mentions(source.path)) {
    return new LakehouseError('source_not_found', `source file ${file} was not found`);
  }
  return new LakehouseError(
    'source_unreadable',
    `source file ${file} could not be read as ${source.format}${facts.line ? ` near line ${facts.line}` : ''} (DuckDB ${facts.errorClass})`,
  );
}

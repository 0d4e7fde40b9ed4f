import { describe, expect, it } from 'vitest';
import { LakehouseError } from '../errors';
import type { BronzeIngestRequest } from '../lakehouse.port';
import { ingestFailure } from './ingest-failure';

const request: BronzeIngestRequest = {
  pipelineId: 'p',
  runId: 'r',
  file: { path: '/landing/2024/claims.csv', displayPath: '2024/claims.csv', sizeBytes: 1, modifiedAt: new Date(0), contentHash: 'h' },
  format: 'csv',
  options: {},
  table: { catalog: 'healthcare_data', schema: 'bronze', table: 'claims' },
};

const kindOf = (message: string, phase: 'read' | 'write') => {
  const error = ingestFailure(new Error(message), phase, request);
  return error instanceof LakehouseError ? error.kind : 'plain';
};

describe('ingestFailure', () => {
  it('classifies what DuckDB reports', () => {
    expect(kindOf('IO Error: No files found that match the pattern "/landing/2024/claims.csv"', 'read')).toBe('source_not_found');
    expect(kindOf('Invalid Input Error: Error when sniffing file "/landing/2024/claims.csv".', 'read')).toBe('source_unreadable');
    expect(kindOf('Invalid Input Error: CSV Error on Line: 7\nOriginal Line: a,b', 'write')).toBe('source_unreadable');
    expect(kindOf('IO Error: could not read "/landing/2024/claims.csv"', 'write')).toBe('source_unreadable');
    expect(kindOf("Conversion Error: Could not convert string 'x' to INT32", 'write')).toBe('schema_mismatch');
    expect(kindOf('TransactionContext Error: Catalog write-write conflict on create', 'write')).toBe('conflict');
    expect(kindOf('Constraint Error: Duplicate key "..." violates primary key constraint.', 'write')).toBe('conflict');
    expect(kindOf('IO Error: Could not write to "/srv/tenants/t/healthcare_data.duckdb.wal"', 'write')).toBe('catalog_unavailable');
    expect(kindOf('Parser Error: syntax error at or near "SELEC"', 'write')).toBe('plain');
    expect(kindOf('Out of Memory Error: failed to allocate data of size 256.0 MiB (1.0 GiB/1.0 GiB used)', 'write')).toBe('resource_exhausted');
    expect(kindOf('IO Error: Could not write file "/tmp/x.tmp": No space left on device', 'write')).toBe('resource_exhausted');
  });

  it('names the file and the line, and nothing from the row', () => {
    const error = ingestFailure(new Error('Invalid Input Error: CSV Error on Line: 30002\nOriginal Line: C1,Zebediah Quackenbush'), 'write', request);
    expect(error.message).toBe("source file '2024/claims.csv' could not be read as csv near line 30002 (DuckDB Invalid Input Error)");
  });

  it('passes a LakehouseError through untouched', () => {
    const original = new LakehouseError('schema_mismatch', 'x');
    expect(ingestFailure(original, 'write', request)).toBe(original);
  });
});

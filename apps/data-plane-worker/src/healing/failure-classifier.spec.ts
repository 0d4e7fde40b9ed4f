import { describe, expect, it } from 'vitest';
import { ContractViolation } from '@ade/contracts';
import { LakehouseError } from '@ade/lakehouse';
import { SourceError } from '../ingestion/source-error';
import { classifyFailure } from './failure-classifier';
import { willRetry } from './failure-policy';

describe('classifyFailure', () => {
  it.each([
    [new SourceError('source_not_found', 'source file not found: claims.csv'), 'source_not_found', false],
    [new LakehouseError('source_unreadable', 'could not parse claims.csv near line 12'), 'source_unreadable', false],
    [new LakehouseError('schema_mismatch', 'unknown columns: fax'), 'schema_mismatch', false],
    [new LakehouseError('conflict', 'write-write conflict on bronze.claims'), 'transient', true],
    [new LakehouseError('catalog_unavailable', 'catalog file is locked'), 'catalog_unavailable', true],
    [new LakehouseError('tenant_mismatch', 'catalog belongs to another tenant'), 'catalog_unavailable', false],
    [new ContractViolation("invalid 'pipeline.run' job: runId: Invalid UUID"), 'invalid_job', false],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'transient', true],
  ])('classifies %s', (error, code, retryable) => {
    const classified = classifyFailure(error);
    expect(classified.failure.code).toBe(code);
    expect(classified.retryable).toBe(retryable);
  });

  it('never passes on the message of an error it does not know, which may quote a row', () => {
    const classified = classifyFailure(new Error('Conversion Error: could not convert "Zebediah Quackenbush" to DATE'));
    expect(classified.failure).toEqual({ code: 'internal', message: 'unexpected worker error; see the worker log for this run' });
  });

  it('stops retrying on the last attempt', () => {
    const transient = classifyFailure(new LakehouseError('conflict', 'conflict'));
    expect(willRetry(transient, { attempt: 1, maxAttempts: 3 })).toBe(true);
    expect(willRetry(transient, { attempt: 3, maxAttempts: 3 })).toBe(false);
    expect(willRetry(classifyFailure(new SourceError('source_not_found', 'x')), { attempt: 1, maxAttempts: 3 })).toBe(false);
  });
});

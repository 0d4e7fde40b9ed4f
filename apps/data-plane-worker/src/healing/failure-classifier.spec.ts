import { describe, expect, it } from 'vitest';
import { ContractViolation } from '@ade/contracts';
import { LakehouseError } from '@ade/lakehouse';
import { canonicalSchema, proposeMapping } from '@ade/healthcare';
import { MappingNeededError } from '@ade/quality';
import { SourceError } from '../ingestion/source-error';
import { classifyFailure } from './failure-classifier';

const systemError = (code: string) => Object.assign(new Error(`failed ${code}`), { code });

describe('classifyFailure', () => {
  it.each([
    [new SourceError('source_not_found', 'source file not found: claims.csv'), 'source_not_found', 'configuration'],
    [new LakehouseError('source_unreadable', 'could not parse claims.csv near line 12'), 'source_unreadable', 'data'],
    [new LakehouseError('schema_mismatch', 'unknown columns: fax'), 'schema_mismatch', 'schema'],
    [new LakehouseError('conflict', 'write-write conflict on bronze.claims'), 'transient', 'transient'],
    [new LakehouseError('catalog_unavailable', 'catalog file is locked'), 'catalog_unavailable', 'transient'],
    [new LakehouseError('tenant_mismatch', 'catalog belongs to another tenant'), 'invalid_job', 'configuration'],
    [new LakehouseError('access_denied', 'the workspace refused the credentials'), 'permission_denied', 'configuration'],
    [new LakehouseError('resource_exhausted', 'out of memory loading claims.csv'), 'resource_exhausted', 'resource'],
    [new ContractViolation("invalid 'pipeline.run' job: runId: Invalid UUID"), 'invalid_job', 'configuration'],
    [new MappingNeededError(proposeMapping(['PRVDR_NPI'], canonicalSchema('professional_claims'), new Map()), ['billing_npi']), 'mapping_needed', 'schema'],
    [systemError('ECONNRESET'), 'transient', 'transient'],
    [systemError('ENOSPC'), 'resource_exhausted', 'resource'],
    [systemError('EACCES'), 'permission_denied', 'configuration'],
  ])('classifies %s', (error, code, failureClass) => {
    const classified = classifyFailure(error);
    expect(classified.failure.code).toBe(code);
    expect(classified.failureClass).toBe(failureClass);
  });

  it.each([
    ...['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EBUSY', 'EMFILE', 'ENFILE'].map(
      (code) => [code, 'transient', `temporary system error (${code})`, 'transient'] as const,
    ),
    ...['ENOSPC', 'ENOMEM', 'EDQUOT'].map(
      (code) => [code, 'resource_exhausted', `the worker ran out of a resource (${code})`, 'resource'] as const,
    ),
    ...['EACCES', 'EPERM', 'EROFS'].map(
      (code) => [code, 'permission_denied', `the worker was denied access (${code})`, 'configuration'] as const,
    ),
  ])('classifies the system error %s as %s, naming only the code', (systemCode, code, message, failureClass) => {
    expect(classifyFailure(systemError(systemCode))).toEqual({ failure: { code, message }, failureClass });
  });

  it.each(['ENOENT', 'EEXIST', 'econnreset', ''])('treats the system code %j as unexpected', (systemCode) => {
    expect(classifyFailure(systemError(systemCode)).failure.code).toBe('internal');
  });

  it('treats an error whose code is not a string as unexpected', () => {
    expect(classifyFailure(Object.assign(new Error('x'), { code: 28 })).failure.code).toBe('internal');
    expect(classifyFailure(null).failure.code).toBe('internal');
  });

  it('never passes on the message of an error it does not know, which may quote a row', () => {
    const classified = classifyFailure(new Error('Conversion Error: could not convert "Zebediah Quackenbush" to DATE'));
    expect(classified).toEqual({
      failure: { code: 'internal', message: 'unexpected worker error; see the worker log for this run' },
      failureClass: 'unknown',
    });
  });
});

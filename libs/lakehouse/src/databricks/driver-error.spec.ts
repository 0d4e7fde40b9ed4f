import { describe, expect, it } from 'vitest';
import { ContractViolation } from '@ade/contracts';
import { LakehouseError } from '../errors';
import { catalogFailure, driverErrorFacts } from './driver-error';

/** Shaped like @databricks/sql's OperationStateError: errorCode plus the server's status response. */
function operationError(errorCode: string, errorMessage?: string, sqlState?: string): Error {
  return Object.assign(new Error(errorMessage ?? 'The operation failed due to an error'), { errorCode, response: { errorMessage, displayMessage: errorMessage, sqlState } });
}

describe('driverErrorFacts', () => {
  it('takes the error class and SQLSTATE, never the text that may quote a value', () => {
    const error = operationError('ERROR', "[CAST_INVALID_INPUT] The value 'JOHN SMITH' of the type \"STRING\" cannot be cast to \"INT\"", '22018');
    expect(driverErrorFacts(error)).toMatchObject({ errorClass: 'CAST_INVALID_INPUT', sqlState: '22018', timedOut: false, cancelled: false });
    const failure = catalogFailure(error, 'statement on catalog ‘acme’');
    expect(failure.message).toBe('statement on catalog ‘acme’ failed (Databricks CAST_INVALID_INPUT, SQLSTATE 22018)');
    expect(failure.message).not.toContain('JOHN');
  });

  it('knows the driver’s own states: timeout, cancelled, retries exhausted, refused credentials', () => {
    expect(driverErrorFacts(operationError('TIMEOUT'))).toMatchObject({ timedOut: true, errorClass: 'operation timeout' });
    expect(driverErrorFacts(operationError('CANCELED'))).toMatchObject({ cancelled: true });
    expect(driverErrorFacts(Object.assign(new Error('attempts exceeded'), { errorCode: 'ATTEMPTS_EXCEEDED' }))).toMatchObject({ unreachable: true });
    const refused = Object.assign(new Error('Request failed with status 401'), { name: 'AuthenticationError' });
    expect(driverErrorFacts(refused)).toMatchObject({ unauthorized: true, errorClass: 'authentication failed' });
  });
});

describe('catalogFailure', () => {
  const kindOf = (error: unknown, reading?: { displayPath: string; format: string }) => {
    const failure = catalogFailure(error, 'ctx', reading);
    return failure instanceof LakehouseError ? failure.kind : 'unforeseen';
  };

  it('sorts server error classes into the kinds the worker retries or reports', () => {
    expect(kindOf(operationError('ERROR', '[DELTA_CONCURRENT_APPEND] Files were added to the root of the table'))).toBe('conflict');
    expect(kindOf(operationError('ERROR', '[DELTA_METADATA_CHANGED] The metadata of the Delta table has been changed'))).toBe('conflict');
    expect(kindOf(operationError('ERROR', '[INSUFFICIENT_PERMISSIONS] User does not have USE CATALOG'))).toBe('access_denied');
    expect(kindOf(operationError('ERROR', '[NO_SUCH_CATALOG_EXCEPTION] Catalog not found'))).toBe('catalog_unavailable');
    expect(kindOf(operationError('TIMEOUT'))).toBe('catalog_unavailable');
    expect(kindOf(operationError('ERROR', '[MALFORMED_RECORD_IN_PARSING] Malformed records are detected'), { displayPath: 'a.csv', format: 'csv' })).toBe('source_unreadable');
    expect(kindOf(operationError('ERROR', '[PATH_NOT_FOUND] Path does not exist'), { displayPath: 'a.csv', format: 'csv' })).toBe('source_not_found');
    expect(kindOf(operationError('ERROR', '[PATH_NOT_FOUND] Path does not exist'))).toBe('unforeseen');
    expect(kindOf(operationError('ERROR', '[UNRESOLVED_COLUMN.WITH_SUGGESTION] x'))).toBe('unforeseen');
  });

  it('passes our own errors on unchanged', () => {
    const ours = new LakehouseError('schema_mismatch', 'mine');
    expect(catalogFailure(ours, 'ctx')).toBe(ours);
    const refused = new ContractViolation('a plan that does not fit');
    expect(catalogFailure(refused, 'ctx')).toBe(refused);
  });
});

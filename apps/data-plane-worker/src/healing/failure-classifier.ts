import { ContractViolation, failureClassOf, type FailureClass, type FailureCode, type RunFailure } from '@ade/contracts';
import { LakehouseError, type LakehouseErrorKind } from '@ade/lakehouse';
import { ExpectationFailedError, MappingNeededError } from '@ade/quality';
import { SchemaDriftError } from '../ingestion/schema-drift-error';
import { SourceError } from '../ingestion/source-error';

export interface ClassifiedFailure {
  failure: RunFailure;
  failureClass: FailureClass;
}

const LAKEHOUSE_CODES: Record<LakehouseErrorKind, FailureCode> = {
  source_not_found: 'source_not_found',
  source_unreadable: 'source_unreadable',
  schema_mismatch: 'schema_mismatch',
  catalog_unavailable: 'catalog_unavailable',
  tenant_mismatch: 'invalid_job',
  access_denied: 'permission_denied',
  conflict: 'transient',
  resource_exhausted: 'resource_exhausted',
};

const TRANSIENT_SYSTEM_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EBUSY', 'EMFILE', 'ENFILE']);
const RESOURCE_SYSTEM_CODES = new Set(['ENOSPC', 'ENOMEM', 'EDQUOT']);
const PERMISSION_SYSTEM_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * Maps an error to a failure code, its class (what the healing policy decides on) and a message
 * safe to send to the control plane. Only messages we wrote ourselves are passed on: an engine's
 * own message may quote the row it choked on, and rows carry PHI.
 */
export function classifyFailure(error: unknown): ClassifiedFailure {
  const failure = failureOf(error);
  return { failure, failureClass: failureClassOf(failure.code) };
}

function failureOf(error: unknown): RunFailure {
  if (error instanceof SourceError) return { code: error.kind, message: error.message };
  if (error instanceof SchemaDriftError) return { code: 'schema_mismatch', message: error.message };
  if (error instanceof LakehouseError) return { code: LAKEHOUSE_CODES[error.kind], message: error.message };
  if (error instanceof ExpectationFailedError) return { code: 'expectation_failed', message: error.message };
  if (error instanceof MappingNeededError) return { code: 'mapping_needed', message: error.message };
  if (error instanceof ContractViolation) return { code: 'invalid_job', message: error.message };
  const systemCode = (error as { code?: unknown } | null)?.code;
  if (typeof systemCode === 'string') {
    if (TRANSIENT_SYSTEM_CODES.has(systemCode)) return { code: 'transient', message: `temporary system error (${systemCode})` };
    if (RESOURCE_SYSTEM_CODES.has(systemCode)) return { code: 'resource_exhausted', message: `the worker ran out of a resource (${systemCode})` };
    if (PERMISSION_SYSTEM_CODES.has(systemCode)) return { code: 'permission_denied', message: `the worker was denied access (${systemCode})` };
  }
  return { code: 'internal', message: 'unexpected worker error; see the worker log for this run' };
}

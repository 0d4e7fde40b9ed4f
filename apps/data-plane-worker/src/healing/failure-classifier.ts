import { ContractViolation, type FailureCode, type RunFailure } from '@ade/contracts';
import { LakehouseError, type LakehouseErrorKind } from '@ade/lakehouse';
import { SourceError } from '../ingestion/source-error';

export interface ClassifiedFailure {
  failure: RunFailure;
  /** Whether another delivery of the same job could succeed. */
  retryable: boolean;
}

const LAKEHOUSE_KINDS: Record<LakehouseErrorKind, { code: FailureCode; retryable: boolean }> = {
  source_not_found: { code: 'source_not_found', retryable: false },
  source_unreadable: { code: 'source_unreadable', retryable: false },
  schema_mismatch: { code: 'schema_mismatch', retryable: false },
  catalog_unavailable: { code: 'catalog_unavailable', retryable: true },
  tenant_mismatch: { code: 'catalog_unavailable', retryable: false },
  conflict: { code: 'transient', retryable: true },
};

const TRANSIENT_SYSTEM_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EBUSY', 'EMFILE', 'ENFILE']);

/**
 * Maps an error to a failure code, a message safe to send to the control plane, and whether a
 * retry can help. Only messages we wrote ourselves are passed on: an engine's own message may
 * quote the row it choked on, and rows carry PHI.
 */
export function classifyFailure(error: unknown): ClassifiedFailure {
  if (error instanceof SourceError || error instanceof LakehouseError) {
    const { code, retryable } = error instanceof SourceError ? { code: error.kind, retryable: false } : LAKEHOUSE_KINDS[error.kind];
    return { failure: { code, message: error.message }, retryable };
  }
  if (error instanceof ContractViolation) {
    return { failure: { code: 'invalid_job', message: error.message }, retryable: false };
  }
  const systemCode = (error as { code?: unknown } | null)?.code;
  if (typeof systemCode === 'string' && TRANSIENT_SYSTEM_CODES.has(systemCode)) {
    return { failure: { code: 'transient', message: `temporary system error (${systemCode})` }, retryable: true };
  }
  return { failure: { code: 'internal', message: 'unexpected worker error; see the worker log for this run' }, retryable: true };
}

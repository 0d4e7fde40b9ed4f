import { ContractViolation } from '@ade/contracts';
import { LakehouseError } from '../errors';

/**
 * Facts read off an error from @databricks/sql. Databricks messages can quote values (a failed
 * cast names the value), so only the error class (`[CAST_INVALID_INPUT]`), the SQLSTATE and the
 * driver's own codes are used; the text itself is never passed on.
 */
export interface DriverErrorFacts {
  /** The server's error class, e.g. `DELTA_CONCURRENT_APPEND`, or what the driver said instead. */
  errorClass: string;
  sqlState: string | null;
  /** The statement ran past its timeout (the server's, or the session's STATEMENT_TIMEOUT). */
  timedOut: boolean;
  /** Stopped by us: the session was closed while the statement ran. */
  cancelled: boolean;
  /** The driver gave up reaching the workspace after its own retries. */
  unreachable: boolean;
  /** The credentials were refused. */
  unauthorized: boolean;
}

const ERROR_CLASS = /\[([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)?)\]/;
const OPERATION_STATES = new Set(['CANCELED', 'CLOSED', 'ERROR', 'TIMEOUT', 'UNKNOWN']);
const RETRY_CODES = new Set(['ATTEMPTS_EXCEEDED', 'TIMEOUT_EXCEEDED']);

interface DriverErrorShape {
  name?: unknown;
  message?: unknown;
  errorCode?: unknown;
  response?: { sqlState?: unknown; errorMessage?: unknown; displayMessage?: unknown; status?: { sqlState?: unknown; errorMessage?: unknown } };
}

export function driverErrorFacts(error: unknown): DriverErrorFacts {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as DriverErrorShape;
  const texts = [shape.message, shape.response?.displayMessage, shape.response?.errorMessage, shape.response?.status?.errorMessage].filter(
    (text): text is string => typeof text === 'string',
  );
  const errorCode = typeof shape.errorCode === 'string' ? shape.errorCode : null;
  const state = errorCode !== null && OPERATION_STATES.has(errorCode) ? errorCode : null;
  const serverClass = texts.map((text) => ERROR_CLASS.exec(text)?.[1]).find((found) => found !== undefined);
  const sqlState = [shape.response?.sqlState, shape.response?.status?.sqlState].find((value): value is string => typeof value === 'string') ?? null;
  const unauthorized = shape.name === 'AuthenticationError' || (/\b(401|403)\b/.test(texts.join(' ')) && serverClass === undefined);
  const unreachable = errorCode !== null && RETRY_CODES.has(errorCode);
  return {
    errorClass: serverClass ?? (state ? `operation ${state.toLowerCase()}` : unreachable ? 'retries exhausted' : unauthorized ? 'authentication failed' : 'unclassified error'),
    sqlState,
    timedOut: state === 'TIMEOUT' || serverClass === 'QUERY_EXECUTION_TIMEOUT_EXCEEDED',
    cancelled: state === 'CANCELED' || state === 'CLOSED',
    unreachable,
    unauthorized,
  };
}

/** Delta's optimistic concurrency: another writer committed first; the statement may be run again. */
const CONFLICT_CLASSES = /^DELTA_CONCURRENT_|^DELTA_METADATA_CHANGED$|^DELTA_PROTOCOL_CHANGED$|^CONCURRENT_/;
const MISSING_CATALOG = /^(NO_SUCH_CATALOG_EXCEPTION|CATALOG_NOT_FOUND|SCHEMA_NOT_FOUND|NO_SUCH_SCHEMA_EXCEPTION)$/;
const PERMISSION = /^(INSUFFICIENT_PERMISSIONS|PERMISSION_DENIED|UNAUTHORIZED_ACCESS)/;
const MISSING_FILE = /^(PATH_NOT_FOUND|FILE_NOT_FOUND|CLOUD_FILE_SOURCE_FILE_NOT_FOUND)/;
const UNREADABLE = /^(MALFORMED_RECORD_IN_PARSING|FAILED_READ_FILE|CANNOT_PARSE|UNABLE_TO_INFER_SCHEMA|INVALID_FORMAT|CANNOT_READ_FILE)/;
const OUT_OF_RESOURCES = /^(OUT_OF_MEMORY|SPARK_JOB_CANCELLED_OOM|DISK_QUOTA_EXCEEDED)/;

export function isConflict(facts: DriverErrorFacts): boolean {
  return CONFLICT_CLASSES.test(facts.errorClass);
}

/**
 * A driver error as a LakehouseError (or a plain Error for the unforeseen), with a message built
 * from the facts and `context` only. `reading` names the source when the statement read a file.
 */
export function catalogFailure(error: unknown, context: string, reading?: { displayPath: string; format: string }): Error {
  // Both are ours, with messages written to be passed on.
  if (error instanceof LakehouseError || error instanceof ContractViolation) return error;
  const facts = driverErrorFacts(error);
  const engine = `(Databricks ${facts.errorClass}${facts.sqlState ? `, SQLSTATE ${facts.sqlState}` : ''})`;
  if (isConflict(facts)) return new LakehouseError('conflict', `${context}: another writer committed first; retry ${engine}`);
  if (facts.unauthorized || PERMISSION.test(facts.errorClass)) {
    return new LakehouseError('access_denied', `${context}: the workspace refused the credentials or their grants ${engine}; check the tenant's Databricks engine settings (PUT /v1/tenants/:id/engine)`);
  }
  if (facts.unreachable) return new LakehouseError('catalog_unavailable', `${context}: the workspace did not answer ${engine}`);
  if (facts.timedOut) return new LakehouseError('catalog_unavailable', `${context}: the statement timed out ${engine}`);
  if (facts.cancelled) return new LakehouseError('catalog_unavailable', `${context}: the statement was cancelled because its session closed ${engine}`);
  if (MISSING_CATALOG.test(facts.errorClass)) return new LakehouseError('catalog_unavailable', `${context}: the catalog or one of its schemas does not exist ${engine}`);
  if (OUT_OF_RESOURCES.test(facts.errorClass)) return new LakehouseError('resource_exhausted', `${context}: the compute ran out of resources ${engine}`);
  if (reading && MISSING_FILE.test(facts.errorClass)) return new LakehouseError('source_not_found', `source file '${reading.displayPath}' was not found ${engine}`);
  if (reading && UNREADABLE.test(facts.errorClass)) {
    return new LakehouseError('source_unreadable', `source file '${reading.displayPath}' could not be read as ${reading.format} ${engine}`);
  }
  return new Error(`${context} failed ${engine}`);
}

import { failureClassOf, type FailureClass, type FailureCode } from '@ade/contracts';

/**
 * A Databricks REST call that failed, classified the way the healing policy classifies run
 * failures: 429 and 5xx (and an unreachable host) are transient and retried, honouring
 * Retry-After; 401 and 403 are configuration, failed at once with the setting to fix; any other
 * 4xx is a request the workspace refused, which the same call would repeat.
 */
export class DatabricksRestError extends Error {
  override readonly name = 'DatabricksRestError';

  constructor(
    message: string,
    /** HTTP status, or 0 when no response came. */
    readonly status: number,
    /** The body's `error_code` (RESOURCE_DOES_NOT_EXIST, INVALID_PARAMETER_VALUE ...), when it has one. */
    readonly errorCode: string | null,
    readonly failureCode: FailureCode,
    /** What Retry-After asked for, in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  get failureClass(): FailureClass {
    return failureClassOf(this.failureCode);
  }
}

export interface FailedCall {
  method: string;
  path: string;
  status: number;
  body: unknown;
  retryAfter: string | null;
  now?: number;
}

export function restErrorOf(call: FailedCall): DatabricksRestError {
  const { status } = call;
  const body = (call.body && typeof call.body === 'object' ? call.body : {}) as { error_code?: unknown; message?: unknown };
  const errorCode = typeof body.error_code === 'string' ? body.error_code : null;
  const said = typeof body.message === 'string' ? `: ${body.message.slice(0, 300)}` : '';
  const what = `${call.method} ${call.path}`;
  if (status === 429) {
    return new DatabricksRestError(`${what} was rate limited (429)`, status, errorCode, 'transient', retryAfterMs(call.retryAfter, call.now ?? Date.now()));
  }
  if (status === 401) return new DatabricksRestError(`the workspace refused DATABRICKS_TOKEN (401): it is wrong, expired or revoked`, status, errorCode, 'permission_denied');
  if (status === 403) {
    return new DatabricksRestError(`the principal of DATABRICKS_TOKEN may not ${what} (403${errorCode ? ` ${errorCode}` : ''})${said}`, status, errorCode, 'permission_denied');
  }
  if (status >= 500) return new DatabricksRestError(`${what} failed on the workspace's side (${status})`, status, errorCode, 'transient');
  return new DatabricksRestError(`${what} was refused (${status}${errorCode ? ` ${errorCode}` : ''})${said}`, status, errorCode, 'invalid_job');
}

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  if (/^[0-9]+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

import type { Request } from 'express';

/** Where a request came from, for audit entries a service writes itself. */
export interface RequestOrigin {
  /** The id the request context middleware settled on (the caller's, or a generated one). */
  requestId: string | null;
  clientIp: string | null;
}

export function requestOriginOf(request: Request): RequestOrigin {
  const requestId = request.res?.getHeader('x-request-id');
  return { requestId: typeof requestId === 'string' ? requestId : null, clientIp: request.ip ?? null };
}

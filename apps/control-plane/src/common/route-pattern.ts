import type { Request } from 'express';

/**
 * The route a request matched, as declared (`/v1/pipelines/:id`), never the path as sent: a path
 * carries ids and, for a mistyped or probing URL, whatever a caller put there. Undefined before
 * routing or when no route matched.
 */
export function routePatternOf(request: Request): string | undefined {
  const path: unknown = (request as Request & { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : undefined;
}

/** What a log line says of a request's path: its route pattern, or that no route matched. */
export function loggedRoute(request: Request): string {
  return routePatternOf(request) ?? '(no route)';
}

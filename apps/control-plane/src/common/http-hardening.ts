import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { HttpSecurityConfig } from '../config/http-security.config';
import { InvalidFieldError } from './app-error';

/** Nesting of arrays and objects a JSON body may have; deeper bodies are refused before validation. */
export const MAX_JSON_DEPTH = 32;
/** Parameters (`name=value` pairs) one query string may carry. */
export const MAX_QUERY_PARAMS = 50;
/** Length of one query parameter, `name=value` as sent (still percent-encoded). */
export const MAX_QUERY_PARAM_LENGTH = 2048;

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // The API serves JSON only: nothing it returns may load, run or be framed.
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  // Responses carry tenant metadata and tokens: no browser or proxy may keep them.
  'cache-control': 'no-store',
};

/**
 * The HTTP edge of the control plane: security headers, CORS allow-list, body and query limits.
 * Registered before any route, so errors raised here still go through the one error filter.
 */
export function applyHttpHardening(app: NestExpressApplication, config: HttpSecurityConfig): void {
  app.disable('x-powered-by');
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  app.use(securityHeaders);
  if (config.corsAllowedOrigins.length > 0) {
    const allowed = new Set(config.corsAllowedOrigins);
    // A refused origin gets no CORS header at all, and its preflight falls through to a 404.
    app.enableCors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
      maxAge: 600,
    });
  }
  app.use(queryLimits);
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.use(jsonDepthLimit);
}

function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  next();
}

function queryLimits(request: Request, _response: Response, next: NextFunction): void {
  const url = request.originalUrl;
  const start = url.indexOf('?');
  if (start < 0) return next();
  const params = url.slice(start + 1).split('&').filter((param) => param !== '');
  if (params.length > MAX_QUERY_PARAMS) {
    return next(new InvalidFieldError('(request)', `query string has more than ${MAX_QUERY_PARAMS} parameters`));
  }
  if (params.some((param) => param.length > MAX_QUERY_PARAM_LENGTH)) {
    return next(new InvalidFieldError('(request)', `a query parameter is longer than ${MAX_QUERY_PARAM_LENGTH} characters`));
  }
  next();
}

function jsonDepthLimit(request: Request, _response: Response, next: NextFunction): void {
  if (exceedsDepth(request.body, MAX_JSON_DEPTH)) {
    return next(new InvalidFieldError('(request)', `JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`));
  }
  next();
}

/** Iterative, so a hostile body cannot overflow the stack; stops at the first too-deep value. */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

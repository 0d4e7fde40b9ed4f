import { randomUUID } from 'node:crypto';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, TooManyRequestsError, type AppErrorCode } from './app-error';
import { loggedRoute } from './route-pattern';

const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  payment_required: 402,
  unavailable: 503,
  mfa_required: 401,
  mfa_enrollment_required: 403,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/**
 * The one place errors become HTTP responses. Known errors keep their message; anything else
 * answers with an error id only, and the details go to the log under that id.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const requestId = response.getHeader('x-request-id');

    if (exception instanceof AppError) {
      const body: Record<string, unknown> = { error: exception.code, message: exception.message };
      if (exception.fields.length > 0) body.fields = exception.fields;
      if (exception instanceof TooManyRequestsError) response.setHeader('retry-after', String(exception.retryAfterSeconds));
      response.status(STATUS_BY_CODE[exception.code]).json(body);
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      response.status(status).json({ error: CODE_BY_STATUS[status] ?? 'bad_request', message: publicMessage(exception) });
      return;
    }
    const errorId = randomUUID();
    this.logger.error({
      msg: 'unhandled error',
      errorId,
      requestId,
      method: request.method,
      route: loggedRoute(request),
      error: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception),
    });
    response.status(500).json({ error: 'internal_error', message: 'Internal error', errorId });
  }
}

/** Nest's own 4xx messages (bad JSON, unknown route, body too large) without their internals. */
function publicMessage(exception: HttpException): string {
  const status = exception.getStatus();
  if (status === 401) return 'missing or invalid access token';
  // JSON.parse quotes the start of the body in its message: never echo what was submitted.
  if (exception.cause instanceof SyntaxError) return 'request body is not valid JSON';
  const body = exception.getResponse();
  const message = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : body;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

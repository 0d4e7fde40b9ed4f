import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { whenRequestEnds } from './request-end';
import { loggedRoute } from './route-pattern';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Gives every request an id (the caller's, if it is sane) and writes one structured access log
 * line per request: route pattern and status, never the path as sent, bodies or query values.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  private readonly logger = new Logger('http');

  use(request: Request, response: Response, next: NextFunction): void {
    const supplied = request.header('x-request-id');
    const requestId = supplied && REQUEST_ID.test(supplied) ? supplied : randomUUID();
    response.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    whenRequestEnds(response, ({ clientGone, answered }) => {
      const user = (request as Request & { user?: { userId?: string; tenantId?: string | null } }).user;
      this.logger.log({
        msg: 'request',
        requestId,
        method: request.method,
        route: loggedRoute(request),
        status: answered ? response.statusCode : null,
        durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
        userId: user?.userId,
        tenantId: user?.tenantId ?? undefined,
        ...(clientGone && { clientAborted: true }),
      });
    });
    next();
  }
}

import { createHash } from 'node:crypto';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { whenRequestEnds, type RequestEnd } from '../common/request-end';
import { routePatternOf } from '../common/route-pattern';
import { DatabaseScope } from '../database/database-scope';
import { TenantsRepository } from '../tenants/tenants.repository';
import type { AuditEventInput } from './audit-event';
import { AuditLogService } from './audit-log.service';
import { httpAuditEvent, isAuditedRequest, LOGIN_ROUTE, operatorTargetTenant, type HttpCaller } from './http-audit';

/**
 * The HTTP audit trail: every state-changing request (POST/PUT/PATCH/DELETE), whatever its
 * outcome (denied 401/403/404 and failures included), and every read of masked failing-row
 * samples. The entry is written when the response has finished, so it records the real status;
 * the response is not held back for it. A failed write is logged and counted (see
 * AuditLogService.recordInBackground) — the request it describes has already happened.
 */
@Injectable()
export class HttpAuditMiddleware implements NestMiddleware {
  constructor(
    private readonly audit: AuditLogService,
    private readonly scope: DatabaseScope,
    private readonly tenants: TenantsRepository,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    whenRequestEnds(response, (end) => this.record(request, response, end));
    next();
  }

  /**
   * One entry per audited request, on its tenant's chain with its caller. A request whose client
   * went away is still recorded with the caller and the status the handler answered
   * (`clientAborted`); only one never answered has no status and an unknown outcome.
   */
  private record(request: Request, response: Response, end: RequestEnd): void {
    const routePattern = routePatternOf(request);
    if (!isAuditedRequest(request.method, routePattern)) return;
    const params = { ...(request.params as Record<string, string | undefined>) };
    const caller = (request as Request & { user?: HttpCaller }).user;
    const requestIdHeader = response.getHeader('x-request-id');
    const base = httpAuditEvent({
      method: request.method,
      routePattern,
      params,
      statusCode: response.statusCode,
      caller,
      requestId: typeof requestIdHeader === 'string' ? requestIdHeader : null,
      clientIp: request.ip ?? null,
    });
    const event: AuditEventInput = !end.answered
      ? { ...base, outcome: 'error', statusCode: null, details: { ...base.details, clientAborted: true } }
      : end.clientGone
        ? { ...base, details: { ...base.details, clientAborted: true } }
        : base;
    const isLogin = request.method === 'POST' && routePattern === LOGIN_ROUTE;
    const email = isLogin ? emailOf(request.body) : null;
    const target = caller?.role === 'platform_operator' ? operatorTargetTenant(routePattern, params, request.query, request.body) : null;
    this.audit.recordInBackground(
      () => (isLogin ? this.loginEvent(event, email) : target ? this.operatorEvent(event, target) : Promise.resolve(event)),
      { action: event.action, requestId: event.requestId },
    );
  }

  /** An operator acting on an existing tenant is recorded in that tenant's chain. */
  private async operatorEvent(event: AuditEventInput, target: string): Promise<AuditEventInput> {
    return (await this.tenants.findById(target)) ? { ...event, tenantId: target } : { ...event, details: { targetTenantId: target } };
  }

  /**
   * A login attempt: never the email itself, only its SHA-256; the user (and so the chain) when
   * the address belongs to one.
   */
  private async loginEvent(event: AuditEventInput, email: string | null): Promise<AuditEventInput> {
    const base: AuditEventInput = { ...event, action: 'auth.login', resourceType: 'session', details: { emailSha256: email ? sha256(email) : null } };
    if (!email) return base;
    const users: Array<{ id: string; tenant_id: string | null; role: string }> = await this.scope.asPlatform(
      'audit: the user behind a login attempt',
      (tx) => tx.query(`SELECT id, tenant_id, role FROM users WHERE email = $1`, [email]),
    );
    const user = users[0];
    if (!user) return base;
    return { ...base, tenantId: user.tenant_id, actorId: user.id, actorRole: user.role, resourceId: user.id };
  }
}

function emailOf(body: unknown): string | null {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).email : undefined;
  return typeof value === 'string' && value.length <= 254 ? value.trim().toLowerCase() : null;
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

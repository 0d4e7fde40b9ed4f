import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { IS_PUBLIC } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { TooManyRequestsError } from '../common/app-error';
import { countedRequests } from './counted-requests';
import { rateLimitHeaders } from './rate-limit-decision';
import { TenantRateLimiter } from './tenant-rate-limiter';

/**
 * Per-tenant API rate limit. Runs after authentication (registered after RolesGuard), so it counts
 * only requests that proved who they are, against their tenant: users and API keys of one tenant
 * share its budget. Not limited here: public routes (health; login has its own throttle) and
 * platform operators, who have no tenant and are few, named people.
 */
@Injectable()
export class TenantRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: TenantRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<{ user?: AuthUser }>();
    const tenantId = request.user?.tenantId;
    if (!tenantId) return true;
    const decision = countedRequests.take(request) ?? (await this.limiter.consume(tenantId));
    if (!decision) return true;
    http.getResponse<Response>().set(rateLimitHeaders(decision));
    if (!decision.allowed) throw new TooManyRequestsError('API rate limit of this tenant exceeded; try again later', decision.resetSeconds);
    return true;
  }
}

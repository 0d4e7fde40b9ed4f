import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Role } from '@ade/contracts';
import type { Request } from 'express';
import { ApiKeyAuthenticator } from '../api-keys/api-key-authenticator';
import { presentedApiKey } from '../api-keys/api-key-format';
import { apiKeyDenial } from '../api-keys/api-key-scopes';
import { HUMAN_ONLY } from '../api-keys/human-only.decorator';
import { ForbiddenError } from '../common/app-error';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { IDP_JWT_STRATEGY } from './idp-jwt.strategy';

/**
 * Authentication is the default; a route opts out with @Public(). A request presenting an API key
 * (`X-API-Key`, or a bearer token starting `ade_`) is authenticated by the key and checked
 * against its scopes and @HumanOnly here; any other bearer token goes to the JWT strategy.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(['jwt', IDP_JWT_STRATEGY]) {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const apiKey = presentedApiKey(request.headers);
    if (apiKey === null) return super.canActivate(context);
    return this.authenticateApiKey(request, apiKey, this.reflector.getAllAndOverride<boolean>(HUMAN_ONLY, targets) ?? false);
  }

  private async authenticateApiKey(request: Request & { user?: AuthUser }, apiKey: string, humanOnly: boolean): Promise<boolean> {
    const user = await this.apiKeys.authenticate(apiKey);
    request.user = user;
    const denial = apiKeyDenial(user.scopes ?? [], request.method, humanOnly);
    if (denial) throw new ForbiddenError(denial);
    return true;
  }
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user || !roles.includes(user.role)) throw new ForbiddenError(`requires role ${roles.join(' or ')}`);
    return true;
  }
}

import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@ade/contracts';
import { ForbiddenError } from '../common/app-error';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'ade:isPublic';
export const ROLES_KEY = 'ade:roles';

/** Opens a route to unauthenticated callers; everything else needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route (or controller) to these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

function userOf(context: ExecutionContext): AuthUser {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => userOf(context));

/**
 * The caller's tenant, for routes that act inside one. Platform operators have no tenant and
 * get a 403 here rather than an accidental cross-tenant query.
 */
export const TenantScope = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const user = userOf(context);
  if (!user.tenantId) throw new ForbiddenError('this endpoint acts within a tenant; platform operators have none');
  return user.tenantId;
});

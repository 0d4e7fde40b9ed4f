import type { EntityManager } from 'typeorm';
import type { Role } from '@ade/contracts';
import type { DatabaseScope } from '../database/database-scope';

/** Whose session: operators have no tenant, so their rows are reachable in platform scope only. */
export interface SessionOwner {
  userId: string;
  tenantId: string | null;
}

/** The person a session is for, as its access tokens name them. */
export interface SessionUser {
  id: string;
  tenantId: string | null;
  role: Role;
}

/** Runs `work` in the owner's tenant scope, or in platform scope (for `platformReason`) for an operator. */
export function inOwnerScope<T>(scope: DatabaseScope, owner: SessionOwner, platformReason: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return owner.tenantId ? scope.forTenant(owner.tenantId, work) : scope.asPlatform(platformReason, work);
}

import type { User } from './user.entity';

/** What the API shows of a user: never the password hash. */
export function userView(user: User) {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    tenantId: user.tenantId,
    mfaEnabled: user.mfaEnabledAt != null,
    createdAt: user.createdAt,
  };
}

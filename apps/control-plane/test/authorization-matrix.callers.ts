/**
 * Who calls each route in the authorization matrix, and the statuses a cell may expect: one
 * success status per route (what its controller declares), or one exact denial.
 */

/** Callers whose token is missing or broken; each presents the claims of a caller allowed on the route. */
export const UNAUTHENTICATED = [
  'anonymous',
  'expired',
  'wrongSignature',
  'algNone',
  'wrongAlgorithm',
  'rs256Confusion',
  'wrongIssuer',
  'wrongAudience',
] as const;
export type Unauthenticated = (typeof UNAUTHENTICATED)[number];

export const CALLERS = [
  'operator',
  'tenantViewer',
  'otherTenantAdmin',
  ...UNAUTHENTICATED,
  // last, so that its side effects (deleting the webhook, ...) do not hide other callers' answers
  'tenantAdmin',
] as const;
export type Caller = (typeof CALLERS)[number];

/** People with a valid token of their own. */
export type Human = Exclude<Caller, Unauthenticated>;

/**
 * Machine callers: API keys of tenant A (read-only, read+write, revoked) and of tenant B
 * (read+write). Their cells are derived from the people's cells (keyExpectation).
 */
export const KEY_CALLERS = ['readKey', 'writeKey', 'revokedKey', 'otherTenantKey'] as const;
export type KeyCaller = (typeof KEY_CALLERS)[number];

export type AnyCaller = Caller | KeyCaller;

/** Callers of tenant B; every other caller belongs to tenant A or, for the operator, to none. */
export const OF_TENANT_B: readonly AnyCaller[] = ['otherTenantAdmin', 'otherTenantKey'];

/** A permitted call answers the route's one success status, never "200 or 404". */
export type Success = 200 | 201 | 202 | 204;
/** 401: no or bad credential; 403: role, scope or operator on a tenant route; 404: another tenant's resource. */
export type Denial = 401 | 403 | 404;
export type Status = Success | Denial;

export const succeeds = (status: Status): status is Success => status >= 200 && status < 300;

export const isKeyCaller = (caller: AnyCaller): caller is KeyCaller => (KEY_CALLERS as readonly string[]).includes(caller);

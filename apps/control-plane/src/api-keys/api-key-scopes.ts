import type { Role } from '@ade/contracts';

/**
 * What an API key may do in its tenant. `read`: GET (and HEAD) routes. `write`: the
 * state-changing routes (pipelines, runs, quality thresholds, quarantine releases, the webhook).
 * No scope reaches a route marked @HumanOnly (users, API keys, tenants, rate limits).
 */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const READ_METHODS = new Set(['GET', 'HEAD']);

/** The scope a request needs, from its HTTP method alone. */
export function scopeForMethod(method: string): ApiKeyScope {
  return READ_METHODS.has(method.toUpperCase()) ? 'read' : 'write';
}

/** Why an API key may not make this request, or null when it may. */
export function apiKeyDenial(scopes: readonly ApiKeyScope[], method: string, humanOnly: boolean): string | null {
  if (humanOnly) return 'API keys cannot call this endpoint; sign in as a user';
  const needed = scopeForMethod(method);
  return scopes.includes(needed) ? null : `this API key lacks the '${needed}' scope`;
}

/**
 * The role an API key acts with, for role checks and logs: a key that may write acts as a tenant
 * admin, a read-only key as a viewer. @HumanOnly and the scope check still apply on top.
 */
export function roleForScopes(scopes: readonly ApiKeyScope[]): Role {
  return scopes.includes('write') ? 'tenant_admin' : 'tenant_viewer';
}

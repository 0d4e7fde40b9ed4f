import { isUuid } from '@ade/contracts';
import type { AuditEventInput, AuditOutcome } from './audit-event';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Reads that return masked failing-row samples: audited although they change nothing. */
export const AUDITED_READS: ReadonlyMap<string, string> = new Map([
  ['/v1/quality/quarantine', 'quarantine_sample'],
  ['/v1/quality/runs/:runId', 'quality_report'],
  ['/v1/quality/tables/:table', 'quality_report'],
]);

export const LOGIN_ROUTE = '/v1/auth/token';

/** Who the request ran as, from request.user (absent when authentication failed or the route is public). */
export interface HttpCaller {
  userId?: string;
  tenantId?: string | null;
  role?: string;
  apiKeyId?: string;
}

export interface HttpExchange {
  method: string;
  /** The matched route's pattern, e.g. /v1/pipelines/:id/runs; undefined when no route matched. */
  routePattern: string | undefined;
  params: Record<string, string | undefined>;
  statusCode: number;
  caller: HttpCaller | undefined;
  requestId: string | null;
  clientIp: string | null;
}

export function isAuditedRequest(method: string, routePattern: string | undefined): boolean {
  if (STATE_CHANGING.has(method.toUpperCase())) return true;
  return method.toUpperCase() === 'GET' && routePattern !== undefined && AUDITED_READS.has(routePattern);
}

export function outcomeOf(statusCode: number): AuditOutcome {
  if (statusCode < 400) return 'success';
  if (statusCode === 401 || statusCode === 403 || statusCode === 404 || statusCode === 429) return 'denied';
  return 'error';
}

/** `/v1/pipelines/:id/runs` → `pipelines`, `/internal/v1/connector-credentials` → `connector-credentials`; the sensitive reads have their own type. */
export function resourceTypeOf(routePattern: string | undefined): string | null {
  if (!routePattern) return null;
  const named = AUDITED_READS.get(routePattern);
  if (named) return named;
  const segments = routePattern.split('/').filter(Boolean);
  const segment = segments[segments[0] === 'internal' ? 2 : 1];
  return segment && !segment.startsWith(':') ? segment : null;
}

/** The `:id` param when it is a UUID, else the first other UUID param (e.g. `:runId`). Never a free-text value. */
export function resourceIdOf(params: Record<string, string | undefined>): string | null {
  const id = uuidOrNull(params.id);
  if (id) return id;
  for (const value of Object.values(params)) {
    const other = uuidOrNull(value);
    if (other) return other;
  }
  return null;
}

function uuidOrNull(value: unknown): string | null {
  const lower = typeof value === 'string' ? value.toLowerCase() : null;
  return lower && isUuid(lower) ? lower : null;
}

/**
 * The audit event for one HTTP exchange, in the caller's chain: a tenant user's tenant, else the
 * platform chain (operators, failed authentication). The action is the method and route
 * pattern, never the URL with its values. Operators acting on a tenant are moved to that
 * tenant's chain by the caller of this function, which knows whether the tenant exists.
 */
export function httpAuditEvent(exchange: HttpExchange): AuditEventInput {
  const caller = exchange.caller;
  const actorType = caller?.apiKeyId ? 'api_key' : 'user';
  return {
    tenantId: caller?.tenantId ?? null,
    actorType,
    actorId: caller?.apiKeyId ?? caller?.userId ?? null,
    actorRole: caller?.role ?? null,
    action: `${exchange.method.toUpperCase()} ${exchange.routePattern ?? '(no matching route)'}`,
    resourceType: resourceTypeOf(exchange.routePattern),
    resourceId: resourceIdOf(exchange.params),
    outcome: outcomeOf(exchange.statusCode),
    statusCode: exchange.statusCode,
    requestId: exchange.requestId,
    clientIp: exchange.clientIp,
    details: {},
  };
}

/**
 * The tenant an operator's request acts on, if it names one: `/v1/tenants/:id/...`, or a
 * `tenantId` in the query or body (e.g. creating a tenant's user). Only a UUID qualifies.
 */
export function operatorTargetTenant(
  routePattern: string | undefined,
  params: Record<string, string | undefined>,
  query: unknown,
  body: unknown,
): string | null {
  const fromPath = routePattern?.startsWith('/v1/tenants/:id') ? uuidOrNull(params.id) : null;
  if (fromPath) return fromPath;
  for (const source of [query, body]) {
    const value = uuidOrNull((source as { tenantId?: unknown } | null | undefined)?.tenantId);
    if (value) return value;
  }
  return null;
}

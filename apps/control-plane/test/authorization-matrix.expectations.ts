/**
 * The authorization matrix: for every live route of the control plane, what each kind of caller
 * gets. authorization-matrix.e2e.spec.ts enumerates the routes from the running app and fails
 * when a route has no entry here (or an entry has no route), so a new endpoint cannot ship
 * without someone deciding who may call it.
 *
 * A cell is an exact status, or a list of statuses accepted for a caller who is allowed in but
 * whose request uses dummy data (e.g. 404 for a random id, 400 for a table that does not exist).
 * Denied callers always get one exact status: 401 (no or bad token), 403 (role or operator on a
 * tenant-scoped route) or 404 (another tenant's resource).
 */

export const CALLERS = [
  'operator',
  'tenantViewer',
  'otherTenantAdmin',
  'anonymous',
  'expired',
  'wrongSignature',
  'algNone',
  'wrongAlgorithm',
  'rs256Confusion',
  'wrongIssuer',
  'wrongAudience',
  // last, so that its side effects (deleting the webhook, ...) do not hide other callers' answers
  'tenantAdmin',
] as const;
export type Caller = (typeof CALLERS)[number];

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
] as const satisfies readonly Caller[];
type Unauthenticated = (typeof UNAUTHENTICATED)[number];

export type Expected = number | readonly number[];

/** Ids and values the requests are built from; all of tenant A unless named otherwise. */
export interface Fixtures {
  tenantA: string;
  tenantB: string;
  pipelineA: string;
  runA: string;
  /** A quarantine release requested by tenant A's admin. */
  releaseA: string;
  adminA: { email: string; password: string };
  table: string;
  /** A fresh pipeline of tenant A, for destructive routes. */
  freshPipelineA: () => Promise<string>;
  unique: () => string;
}

export type ParamFixture = 'tenantA' | 'pipelineA' | 'freshPipelineA' | 'runA' | 'releaseA' | 'table' | 'randomUuid';

export interface RouteExpectation {
  /** Where each `:param` of the path comes from. */
  params?: Record<string, ParamFixture>;
  query?: (f: Fixtures) => Record<string, string>;
  body?: (f: Fixtures) => unknown;
  expect: Record<Caller, Expected>;
}

const UNAUTH = Object.fromEntries(UNAUTHENTICATED.map((caller) => [caller, 401])) as Record<Unauthenticated, 401>;
const PUBLIC = (status: Expected) => Object.fromEntries(UNAUTHENTICATED.map((caller) => [caller, status])) as Record<Unauthenticated, Expected>;

/** Tenant-scoped, open to admins and viewers: operators 403, another tenant's admin sees its own (empty) data. */
const TENANT_READ_OWN_SCOPE = (ok: Expected) =>
  ({ operator: 403, tenantAdmin: ok, tenantViewer: ok, otherTenantAdmin: ok, ...UNAUTH }) satisfies Record<Caller, Expected>;
/** Tenant-scoped read of one of tenant A's resources: another tenant's admin gets 404. */
const TENANT_READ_OF_A = (ok: Expected) =>
  ({ operator: 403, tenantAdmin: ok, tenantViewer: ok, otherTenantAdmin: 404, ...UNAUTH }) satisfies Record<Caller, Expected>;
/** Tenant-scoped change, admins only, not addressing a resource of tenant A by id. */
const TENANT_WRITE_OWN_SCOPE = (ok: Expected) =>
  ({ operator: 403, tenantAdmin: ok, tenantViewer: 403, otherTenantAdmin: ok, ...UNAUTH }) satisfies Record<Caller, Expected>;
/** Tenant-scoped change of one of tenant A's resources: viewers 403, another tenant's admin 404. */
const TENANT_WRITE_OF_A = (ok: Expected) =>
  ({ operator: 403, tenantAdmin: ok, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH }) satisfies Record<Caller, Expected>;

export const AUTHORIZATION_MATRIX: Record<string, RouteExpectation> = {
  // --- auth
  'POST /v1/auth/token': {
    body: (f) => f.adminA,
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...PUBLIC(200) },
  },
  'GET /v1/auth/me': {
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...UNAUTH },
  },
  // public: the refresh token in the body is the credential. An empty body is a 400 for every caller
  // (a valid refresh token is exercised in auth-sessions.e2e.spec.ts).
  'POST /v1/auth/refresh': {
    body: () => ({}),
    expect: { operator: 400, tenantAdmin: 400, tenantViewer: 400, otherTenantAdmin: 400, ...PUBLIC(400) },
  },
  // authenticated: a malformed body makes signed-in callers stop at validation (400), so the matrix
  // does not end the sessions of the tokens it goes on using; auth-sessions.e2e.spec.ts logs out for real.
  'POST /v1/auth/logout': {
    body: () => ({ refreshToken: 42 }),
    expect: { operator: 400, tenantAdmin: 400, tenantViewer: 400, otherTenantAdmin: 400, ...UNAUTH },
  },

  // --- health
  'GET /v1/health': {
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...PUBLIC(200) },
  },

  // --- tenants
  'POST /v1/tenants': {
    body: (f) => ({ name: 'Matrix tenant', slug: `matrix-${f.unique()}` }),
    expect: { operator: 201, tenantAdmin: 403, tenantViewer: 403, otherTenantAdmin: 403, ...UNAUTH },
  },
  'GET /v1/tenants': {
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...UNAUTH },
  },
  'GET /v1/tenants/:id': {
    params: { id: 'tenantA' },
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 404, ...UNAUTH },
  },
  // a tenant's external identity provider: platform operators only
  'PUT /v1/tenants/:id/identity-provider': {
    params: { id: 'tenantA' },
    body: (f) => ({ issuer: `https://idp-${f.unique()}.example.org/`, jwksUri: 'https://idp.example.org/jwks', audience: 'ade' }),
    expect: { operator: 200, tenantAdmin: 403, tenantViewer: 403, otherTenantAdmin: 403, ...UNAUTH },
  },
  'DELETE /v1/tenants/:id/identity-provider': {
    params: { id: 'tenantA' },
    expect: { operator: [204, 404], tenantAdmin: 403, tenantViewer: 403, otherTenantAdmin: 403, ...UNAUTH },
  },

  // --- users
  'POST /v1/users': {
    body: (f) => ({ email: `matrix-${f.unique()}@a.test`, password: 'matrix-password-1', role: 'tenant_viewer', tenantId: f.tenantA }),
    expect: { operator: 201, tenantAdmin: 201, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH },
  },
  'GET /v1/users': {
    // tenant admins always get their own tenant's users (tenantId is ignored for them; the
    // leak check in the spec makes sure tenant B's admin sees none of A's)
    query: (f) => ({ tenantId: f.tenantA }),
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 200, ...UNAUTH },
  },

  // --- catalog (no @Roles: closed to operators by its tenant scope)
  'GET /v1/catalog': { expect: TENANT_READ_OWN_SCOPE(200) },
  'POST /v1/catalog/init': { expect: TENANT_WRITE_OWN_SCOPE([202, 409, 503]) },

  // --- pipelines
  'POST /v1/pipelines': {
    body: (f) => ({ name: `matrix-${f.unique()}`, dataType: 'professional_claims', sourcePath: 'claims.csv', targetTable: f.table }),
    expect: TENANT_WRITE_OWN_SCOPE(201),
  },
  'GET /v1/pipelines': { expect: TENANT_READ_OWN_SCOPE(200) },
  'GET /v1/pipelines/:id': { params: { id: 'pipelineA' }, expect: TENANT_READ_OF_A(200) },
  'PATCH /v1/pipelines/:id': { params: { id: 'pipelineA' }, body: () => ({ schedule: null }), expect: TENANT_WRITE_OF_A(200) },
  'DELETE /v1/pipelines/:id': { params: { id: 'freshPipelineA' }, expect: TENANT_WRITE_OF_A(204) },

  // --- runs
  'POST /v1/pipelines/:id/runs': { params: { id: 'pipelineA' }, expect: TENANT_WRITE_OF_A(202) },
  'GET /v1/pipelines/:id/runs': { params: { id: 'pipelineA' }, expect: TENANT_READ_OF_A(200) },
  'GET /v1/runs': { expect: TENANT_READ_OWN_SCOPE(200) },
  'GET /v1/runs/:id': { params: { id: 'runA' }, expect: TENANT_READ_OF_A(200) },

  // --- incidents
  'GET /v1/pipelines/:id/incidents': { params: { id: 'pipelineA' }, expect: TENANT_READ_OF_A(200) },
  'GET /v1/incidents': { expect: TENANT_READ_OWN_SCOPE(200) },

  // --- schema drift
  'GET /v1/pipelines/:id/drift': { params: { id: 'pipelineA' }, expect: TENANT_READ_OF_A(200) },
  'GET /v1/pipelines/:id/schema-versions': { params: { id: 'pipelineA' }, expect: TENANT_READ_OF_A(200) },

  // --- lineage (the table name is the tenant's own catalog's; nothing of A's is addressed)
  'GET /v1/lineage': { query: (f) => ({ table: f.table }), expect: TENANT_READ_OWN_SCOPE([200, 400, 404]) },

  // --- quarantine
  'GET /v1/quality/quarantine': { query: (f) => ({ table: f.table }), expect: TENANT_READ_OWN_SCOPE([200, 400, 404]) },
  'POST /v1/quality/quarantine/release': {
    // names A's pipeline and run: tenant B's admin must not learn they exist
    body: (f) => ({ table: f.table, pipelineId: f.pipelineA, runId: f.runA }),
    expect: TENANT_WRITE_OF_A([202, 400, 404, 409]),
  },
  'GET /v1/quality/quarantine/releases/:id': { params: { id: 'releaseA' }, expect: TENANT_READ_OF_A(200) },

  // --- quality
  'GET /v1/quality/tables/:table': { params: { table: 'table' }, expect: TENANT_READ_OWN_SCOPE([200, 400, 404]) },
  // no quality report exists for A's queued run: admins of A get 404 too, as does B's admin
  'GET /v1/quality/runs/:runId': { params: { runId: 'runA' }, expect: TENANT_READ_OF_A(404) },
  'GET /v1/quality/trends': { query: (f) => ({ table: f.table, days: '7' }), expect: TENANT_READ_OWN_SCOPE([200, 400, 404]) },
  'GET /v1/quality/anomalies': { query: (f) => ({ table: f.table, days: '7' }), expect: TENANT_READ_OWN_SCOPE([200, 400, 404]) },

  // --- alerts
  'GET /v1/quality/alerts': { expect: TENANT_READ_OWN_SCOPE(200) },
  'PUT /v1/quality/alerts/:table': {
    params: { table: 'table' },
    body: () => ({ minQuality: 0.9 }),
    expect: TENANT_WRITE_OWN_SCOPE([200, 400, 404]),
  },
  'GET /v1/quality/alerts/:table': { params: { table: 'table' }, expect: TENANT_READ_OWN_SCOPE([200, 400, 404]) },

  // --- webhooks (one per tenant, addressed through the token's tenant only)
  'PUT /v1/webhook': { body: () => ({ url: 'https://93.184.215.14/ade-hook' }), expect: TENANT_WRITE_OWN_SCOPE([200, 400]) },
  'GET /v1/webhook': { expect: TENANT_READ_OWN_SCOPE([200, 404]) },
  'DELETE /v1/webhook': { expect: TENANT_WRITE_OWN_SCOPE([204, 404]) },
  'POST /v1/webhook/rotate-secret': { expect: TENANT_WRITE_OWN_SCOPE([200, 404]) },
  'GET /v1/webhook/deliveries': { expect: TENANT_READ_OWN_SCOPE(200) },

  // --- API keys (tenant admins only; a random id is nobody's key: 404 for any admin)
  'POST /v1/api-keys': { body: (f) => ({ name: `matrix-${f.unique()}`, scopes: ['read'] }), expect: TENANT_WRITE_OWN_SCOPE(201) },
  'GET /v1/api-keys': { expect: { operator: 403, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 200, ...UNAUTH } },
  'GET /v1/api-keys/:id': { params: { id: 'randomUuid' }, expect: { operator: 403, tenantAdmin: 404, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH } },
  'DELETE /v1/api-keys/:id': { params: { id: 'randomUuid' }, expect: { operator: 403, tenantAdmin: 404, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH } },

  // --- tenant rate limits (platform operators only)
  'GET /v1/tenants/:id/rate-limit': { params: { id: 'tenantA' }, expect: { operator: 200, tenantAdmin: 403, tenantViewer: 403, otherTenantAdmin: 403, ...UNAUTH } },
  'PUT /v1/tenants/:id/rate-limit': {
    params: { id: 'tenantA' },
    body: () => ({ apiRateLimitPerMinute: null }),
    expect: { operator: 200, tenantAdmin: 403, tenantViewer: 403, otherTenantAdmin: 403, ...UNAUTH },
  },

  // --- audit log (tenant admins: their own chain; operators: the platform chain, or ?tenantId=)
  'GET /v1/audit/verify': { expect: { operator: 200, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 200, ...UNAUTH } },
  'GET /v1/audit/events': { expect: { operator: 200, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 200, ...UNAUTH } },
  'PUT /v1/tenants/:id/legal-hold': {
    params: { id: 'tenantA' },
    body: () => ({ enabled: false, reason: 'authorization matrix' }),
    expect: { operator: 200, tenantAdmin: 403, tenantViewer: 403, otherTenantAdmin: 403, ...UNAUTH },
  },
};

/**
 * Machine callers: API keys of tenant A (read-only, read+write, revoked) and of tenant B
 * (read+write). Their cells are derived from the people's cells by the rules of an API key
 * (apps/control-plane/src/api-keys/api-key-scopes.ts), so a route cannot forget them.
 */
export const KEY_CALLERS = ['readKey', 'writeKey', 'revokedKey', 'otherTenantKey'] as const;
export type KeyCaller = (typeof KEY_CALLERS)[number];

/** Routes closed to API keys whatever their scopes (@HumanOnly): users, keys, tenants, the audit trail, the caller's own session. */
export const HUMAN_ONLY_ROUTE = /^[A-Z]+ \/v1\/(users|api-keys|tenants|audit)(\/|$)|^[A-Z]+ \/v1\/auth\/(me|logout)$/;

export const statuses = (cell: Expected): readonly number[] => (typeof cell === 'number' ? [cell] : cell);
export const allows = (cell: Expected) => statuses(cell).every((status) => status !== 401 && status !== 403);

export function keyExpectation(route: string, entry: RouteExpectation, caller: KeyCaller): Expected {
  // A public route does not look at credentials: a key gets what anonymous gets.
  if (allows(entry.expect.anonymous)) return entry.expect.anonymous;
  if (caller === 'revokedKey') return 401;
  if (HUMAN_ONLY_ROUTE.test(route)) return 403;
  switch (caller) {
    case 'readKey':
      return route.startsWith('GET ') ? entry.expect.tenantViewer : 403;
    case 'writeKey':
      return entry.expect.tenantAdmin;
    case 'otherTenantKey':
      return entry.expect.otherTenantAdmin;
  }
}

/**
 * The authorization matrix: for every live route of the control plane, what each kind of caller
 * gets. authorization-matrix.e2e.spec.ts enumerates the routes from the running app and fails
 * when a route has no entry here (or an entry has no route), so a new endpoint cannot ship
 * without someone deciding who may call it.
 *
 * Every cell is one exact status. A permitted caller gets the route's success status: its
 * request is built (by `request`, from fixtures of the caller's own tenant, fresh where the call
 * consumes them) to succeed, so a route that is broken for the callers it lets in fails here.
 * A denied caller gets 401 (no or bad token), 403 (role, scope, or an operator on a
 * tenant-scoped route) or 404 (another tenant's resource: never 403, which would confirm it exists).
 */
import { CALLERS, UNAUTHENTICATED, succeeds, type Caller, type KeyCaller, type Status, type Success, type Unauthenticated } from './authorization-matrix.callers';
import { signedDelivery, stripeEvent, subscriptionObject } from '../../../libs/testing/src/stripe-events';
import { MATRIX_STRIPE_WEBHOOK_SECRET, PUBLIC_JWKS_URI, type CaseFixtures } from './authorization-matrix.fixtures';
import { DEFAULT_COST_MODEL } from '../src/costs/cost-model';
import { sftpConnectorBody } from './factories';

/** One cell's request; a `token` replaces the caller's own (a fresh session of the same person). */
export interface RequestParts {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Headers besides authorization (a Stripe signature, a raw body's content type). */
  headers?: Record<string, string>;
  token?: string;
}

export interface RouteExpectation {
  /** Builds the request of one cell, for any caller: the path's `:params`, query, body. */
  request?: (f: CaseFixtures) => RequestParts | Promise<RequestParts>;
  expect: Record<Caller, Status>;
  /**
   * Set on the data plane's internal routes, which no person or API key may call: they take the
   * data-plane token (DATA_PLANE_TOKEN_HASHES) instead. Every caller of the matrix is refused with
   * 401 (see DATA_PLANE_ONLY), whatever its token or key; the data-plane token gets this status.
   */
  dataPlane?: Success;
}

const UNAUTH = Object.fromEntries(UNAUTHENTICATED.map((caller) => [caller, 401])) as Record<Unauthenticated, 401>;
const PUBLIC = (ok: Success) => Object.fromEntries(UNAUTHENTICATED.map((caller) => [caller, ok])) as Record<Unauthenticated, Success>;

/** Tenant-scoped, open to admins and viewers: operators 403, another tenant's admin gets its own data. */
const TENANT_READ_OWN_SCOPE = (ok: Success) => ({ operator: 403, tenantAdmin: ok, tenantViewer: ok, otherTenantAdmin: ok, ...UNAUTH }) satisfies Record<Caller, Status>;
/** Tenant-scoped read of one of tenant A's resources: another tenant's admin gets 404. */
const TENANT_READ_OF_A = (ok: Success) => ({ operator: 403, tenantAdmin: ok, tenantViewer: ok, otherTenantAdmin: 404, ...UNAUTH }) satisfies Record<Caller, Status>;
/** Tenant-scoped change, admins only, not addressing a resource of tenant A by id: each admin changes its own tenant. */
const TENANT_WRITE_OWN_SCOPE = (ok: Success) => ({ operator: 403, tenantAdmin: ok, tenantViewer: 403, otherTenantAdmin: ok, ...UNAUTH }) satisfies Record<Caller, Status>;
/** Tenant-scoped change of one of tenant A's resources: viewers 403, another tenant's admin 404. */
const TENANT_WRITE_OF_A = (ok: Success) => ({ operator: 403, tenantAdmin: ok, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH }) satisfies Record<Caller, Status>;
/** Internal routes of the data plane: no user token or API key is looked at, let alone accepted. */
const DATA_PLANE_ONLY = Object.fromEntries(CALLERS.map((caller) => [caller, 401])) as Record<Caller, 401>;
/** Platform operators only. */
const OPERATOR_ONLY = (ok: Success) => ({ operator: ok, tenantAdmin: 403, tenantViewer: 403, otherTenantAdmin: 403, ...UNAUTH }) satisfies Record<Caller, Status>;

const tenantA = (f: CaseFixtures) => ({ params: { id: f.a.tenantId } });
const pipelineA = (f: CaseFixtures) => ({ params: { id: f.a.pipeline } });
const connectorA = (f: CaseFixtures) => ({ params: { id: f.a.connector } });

export const AUTHORIZATION_MATRIX: Record<string, RouteExpectation> = {
  // --- auth
  'POST /v1/auth/token': {
    request: (f) => ({ body: f.a.adminCredentials }),
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...PUBLIC(200) },
  },
  'GET /v1/auth/me': {
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...UNAUTH },
  },
  // --- multi-factor authentication: a person's own, any role; changing it for good is done by a peer of the caller's role
  'GET /v1/auth/mfa': { expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...UNAUTH } },
  'POST /v1/auth/mfa/enroll': {
    request: async (f) => ({ token: (await f.mfaPeer('enrolling'))?.session.accessToken }),
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...UNAUTH },
  },
  'POST /v1/auth/mfa/activate': {
    request: async (f) => {
      const peer = await f.mfaPeer('enrolling');
      return { token: peer?.session.accessToken, body: { code: peer?.code ?? '000000' } };
    },
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...UNAUTH },
  },
  'DELETE /v1/auth/mfa': {
    request: async (f) => {
      const peer = await f.mfaPeer('enabled');
      return { token: peer?.session.accessToken, body: { code: peer?.code ?? '000000' } };
    },
    expect: { operator: 204, tenantAdmin: 204, tenantViewer: 204, otherTenantAdmin: 204, ...UNAUTH },
  },
  // public: the refresh token in the body is the credential, whoever sends it (a new one per cell: it rotates)
  'POST /v1/auth/refresh': {
    request: async (f) => ({ body: { refreshToken: (await f.a.adminSession()).refreshToken } }),
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...PUBLIC(200) },
  },
  // ends the session it is called in: a signed-in caller gets a new session for it, so the matrix's own tokens live on
  'POST /v1/auth/logout': {
    request: async (f) => {
      const session = await f.callerSession();
      return session ? { token: session.accessToken, body: { refreshToken: session.refreshToken } } : { body: {} };
    },
    expect: { operator: 204, tenantAdmin: 204, tenantViewer: 204, otherTenantAdmin: 204, ...UNAUTH },
  },

  // --- health
  'GET /v1/health': {
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...PUBLIC(200) },
  },

  // --- tenants
  'POST /v1/tenants': {
    request: (f) => ({ body: { name: 'Matrix tenant', slug: `matrix-${f.unique()}` } }),
    expect: OPERATOR_ONLY(201),
  },
  'GET /v1/tenants': {
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...UNAUTH },
  },
  'GET /v1/tenants/:id': {
    request: tenantA,
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 404, ...UNAUTH },
  },
  // a tenant's external identity provider: platform operators only
  'PUT /v1/tenants/:id/identity-provider': {
    request: (f) => ({ ...tenantA(f), body: { issuer: `https://idp-${f.unique()}.example.org/`, jwksUri: PUBLIC_JWKS_URI, audience: 'ade' } }),
    expect: OPERATOR_ONLY(200),
  },
  'DELETE /v1/tenants/:id/identity-provider': {
    request: async (f) => {
      await f.a.withIdentityProvider();
      return tenantA(f);
    },
    expect: OPERATOR_ONLY(204),
  },

  // --- billing
  'GET /v1/billing': {
    expect: TENANT_READ_OWN_SCOPE(200),
  },
  'GET /v1/billing/accounts': {
    expect: OPERATOR_ONLY(200),
  },
  // a tenant's subscription: operators and the tenant's own admins, people only
  'PUT /v1/tenants/:id/billing/plan': {
    request: async (f) => {
      await f.a.withSubscription('live');
      return { ...tenantA(f), body: { plan: 'enterprise' } };
    },
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH },
  },
  // canceling at the period's end leaves the subscription live until then, so every permitted caller can ask again
  'DELETE /v1/tenants/:id/billing/subscription': {
    request: async (f) => {
      await f.a.withSubscription('live');
      return tenantA(f);
    },
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH },
  },
  'POST /v1/tenants/:id/billing/checkout-session': {
    request: async (f) => {
      await f.a.withSubscription('canceled');
      return { ...tenantA(f), body: { successUrl: 'https://app.example.org/billing/done', cancelUrl: 'https://app.example.org/billing' } };
    },
    expect: { operator: 201, tenantAdmin: 201, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH },
  },
  'POST /v1/tenants/:id/billing/portal-session': {
    request: (f) => ({ ...tenantA(f), body: { returnUrl: 'https://app.example.org/billing' } }),
    expect: { operator: 201, tenantAdmin: 201, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH },
  },
  // --- costs: each tenant's own report; operators every tenant's totals
  'GET /v1/costs': { expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...UNAUTH } },
  'GET /v1/tenants/:id/cost-model': { request: tenantA, expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 404, ...UNAUTH } },
  'PUT /v1/tenants/:id/cost-model': { request: (f) => ({ ...tenantA(f), body: DEFAULT_COST_MODEL }), expect: OPERATOR_ONLY(200) },

  // Stripe's deliveries: the signature over the body is the authentication, whatever token comes along.
  'POST /v1/billing/stripe/webhook': {
    request: () => {
      const event = stripeEvent('customer.subscription.updated', subscriptionObject({ id: 'sub_matrix', customer: 'cus_matrix', status: 'active' }));
      const { body, signature } = signedDelivery(event, MATRIX_STRIPE_WEBHOOK_SECRET);
      return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
    },
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 200, otherTenantAdmin: 200, ...PUBLIC(200) },
  },

  // --- users
  'POST /v1/users': {
    request: (f) => ({ body: { email: `matrix-${f.unique()}@a.test`, password: 'matrix-password-1', role: 'tenant_viewer', tenantId: f.a.tenantId } }),
    expect: { operator: 201, tenantAdmin: 201, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH },
  },
  'GET /v1/users': {
    // tenant admins always get their own tenant's users (tenantId is ignored for them; the
    // leak check in the spec makes sure tenant B's admin sees none of A's)
    request: (f) => ({ query: { tenantId: f.a.tenantId } }),
    expect: { operator: 200, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 200, ...UNAUTH },
  },

  // --- catalog (no @Roles: closed to operators by its tenant scope)
  'GET /v1/catalog': { expect: TENANT_READ_OWN_SCOPE(200) },
  'POST /v1/catalog/init': { expect: TENANT_WRITE_OWN_SCOPE(202) },
  // a health check reads the caller's own catalog: viewers may ask for one too
  'POST /v1/catalog/health': { expect: TENANT_READ_OWN_SCOPE(202) },
  'GET /v1/catalog/health': { expect: TENANT_READ_OWN_SCOPE(200) },
  'GET /v1/catalog/health/:id': { request: (f) => ({ params: { id: f.a.healthCheck } }), expect: TENANT_READ_OF_A(200) },

  // --- pipelines
  'POST /v1/pipelines': {
    request: (f) => ({ body: { name: `matrix-${f.unique()}`, dataType: 'professional_claims', sourcePath: 'claims.csv', targetTable: f.own.table } }),
    expect: TENANT_WRITE_OWN_SCOPE(201),
  },
  'GET /v1/pipelines': { expect: TENANT_READ_OWN_SCOPE(200) },
  'GET /v1/pipelines/:id': { request: pipelineA, expect: TENANT_READ_OF_A(200) },
  'PATCH /v1/pipelines/:id': { request: (f) => ({ ...pipelineA(f), body: { schedule: null } }), expect: TENANT_WRITE_OF_A(200) },
  'DELETE /v1/pipelines/:id': { request: async (f) => ({ params: { id: await f.a.freshPipeline() } }), expect: TENANT_WRITE_OF_A(204) },

  // --- connectors (a tenant's SFTP servers and S3 buckets; a check is queued for the tenant's worker)
  'POST /v1/connectors': { request: (f) => ({ body: sftpConnectorBody({ name: `matrix-${f.unique()}` }) }), expect: TENANT_WRITE_OWN_SCOPE(201) },
  'GET /v1/connectors': { expect: TENANT_READ_OWN_SCOPE(200) },
  'GET /v1/connectors/:id': { request: connectorA, expect: TENANT_READ_OF_A(200) },
  'DELETE /v1/connectors/:id': { request: async (f) => ({ params: { id: await f.a.freshConnector() } }), expect: TENANT_WRITE_OF_A(204) },
  'POST /v1/connectors/:id/checks': { request: connectorA, expect: TENANT_WRITE_OF_A(202) },
  'GET /v1/connectors/:id/checks/:checkId': { request: (f) => ({ params: { id: f.a.connector, checkId: f.a.connectorCheck } }), expect: TENANT_READ_OF_A(200) },

  // --- table exports (of the caller's own table through its own connector; queued for the tenant's worker)
  'POST /v1/exports': {
    request: (f) => ({ body: { table: f.own.table, connectorId: f.own.connector, path: `exports/matrix-${f.unique()}.csv`, format: 'csv' } }),
    expect: TENANT_WRITE_OWN_SCOPE(202),
  },
  'GET /v1/exports': { expect: TENANT_READ_OWN_SCOPE(200) },
  'GET /v1/exports/:id': { request: (f) => ({ params: { id: f.a.tableExport } }), expect: TENANT_READ_OF_A(200) },

  // --- internal: a worker fetching the credentials of a connector for a queued check of tenant A
  'POST /internal/v1/connector-credentials': {
    request: (f) => ({ body: { tenantId: f.a.tenantId, connectorId: f.a.connector, checkId: f.a.connectorCheck } }),
    expect: DATA_PLANE_ONLY,
    dataPlane: 200,
  },

  // --- internal: a worker fetching the engine credentials of a tenant on Databricks whose catalog is being provisioned
  'POST /internal/v1/engine-credentials': {
    request: async (f) => ({ body: { tenantId: await f.databricksTenant() } }),
    expect: DATA_PLANE_ONLY,
    dataPlane: 200,
  },

  // --- runs
  // a run needs billing that allows runs: tenant A's subscription may have been canceled by a billing cell
  'POST /v1/pipelines/:id/runs': {
    request: async (f) => {
      await f.a.withSubscription('live');
      return pipelineA(f);
    },
    expect: TENANT_WRITE_OF_A(202),
  },
  'POST /v1/pipelines/:id/uploads': { request: (f) => ({ ...pipelineA(f), body: { fileName: 'claims.csv' } }), expect: TENANT_WRITE_OF_A(201) },
  'POST /v1/pipelines/:id/uploads/complete': { request: async (f) => ({ ...pipelineA(f), body: await f.a.freshMultipartUpload() }), expect: TENANT_WRITE_OF_A(200) },
  'GET /v1/pipelines/:id/runs': { request: pipelineA, expect: TENANT_READ_OF_A(200) },
  'GET /v1/runs': { expect: TENANT_READ_OWN_SCOPE(200) },
  'GET /v1/runs/:id': { request: (f) => ({ params: { id: f.a.run } }), expect: TENANT_READ_OF_A(200) },

  // --- incidents
  'GET /v1/pipelines/:id/incidents': { request: pipelineA, expect: TENANT_READ_OF_A(200) },
  'GET /v1/incidents': { expect: TENANT_READ_OWN_SCOPE(200) },

  // --- schema drift
  'GET /v1/pipelines/:id/drift': { request: pipelineA, expect: TENANT_READ_OF_A(200) },
  'GET /v1/pipelines/:id/quality': { request: pipelineA, expect: TENANT_READ_OF_A(200) },
  // --- column mappings of files in no known layout
  'GET /v1/pipelines/:id/mapping': { request: pipelineA, expect: TENANT_READ_OF_A(200) },
  'PUT /v1/pipelines/:id/mapping': { request: (f) => ({ ...pipelineA(f), body: { columns: { claim_id: 'CLMNO' } } }), expect: TENANT_WRITE_OF_A(200) },
  'POST /v1/pipelines/:id/mapping/accept': { request: pipelineA, expect: TENANT_WRITE_OF_A(201) },
  'GET /v1/pipelines/:id/schema-versions': { request: pipelineA, expect: TENANT_READ_OF_A(200) },

  // --- lineage (the table of the caller's own catalog; nothing of A's is addressed)
  'GET /v1/lineage': { request: (f) => ({ query: { table: f.own.table } }), expect: TENANT_READ_OWN_SCOPE(200) },

  // --- quarantine
  'GET /v1/quality/quarantine': { request: (f) => ({ query: { table: f.own.table } }), expect: TENANT_READ_OWN_SCOPE(200) },
  'POST /v1/quality/quarantine/release': {
    // names A's pipeline and run: tenant B's admin must not learn they exist
    request: (f) => ({ body: { table: f.a.table, pipelineId: f.a.pipeline, runId: f.a.run } }),
    expect: TENANT_WRITE_OF_A(202),
  },
  'GET /v1/quality/quarantine/releases/:id': { request: (f) => ({ params: { id: f.a.release } }), expect: TENANT_READ_OF_A(200) },

  // --- quality (each tenant's table has a report; A's run has one)
  'GET /v1/quality/tables/:table': { request: (f) => ({ params: { table: f.own.table } }), expect: TENANT_READ_OWN_SCOPE(200) },
  'GET /v1/quality/runs/:runId': { request: (f) => ({ params: { runId: f.a.run } }), expect: TENANT_READ_OF_A(200) },
  'GET /v1/quality/trends': { request: (f) => ({ query: { table: f.own.table, days: '7' } }), expect: TENANT_READ_OWN_SCOPE(200) },
  'GET /v1/quality/anomalies': { request: (f) => ({ query: { table: f.own.table, days: '7' } }), expect: TENANT_READ_OWN_SCOPE(200) },

  // --- alerts
  'GET /v1/quality/alerts': { expect: TENANT_READ_OWN_SCOPE(200) },
  'PUT /v1/quality/alerts/:table': { request: (f) => ({ params: { table: f.own.table }, body: { minQuality: 0.9 } }), expect: TENANT_WRITE_OWN_SCOPE(200) },
  'GET /v1/quality/alerts/:table': { request: (f) => ({ params: { table: f.own.table } }), expect: TENANT_READ_OWN_SCOPE(200) },

  // --- webhooks (one per tenant, addressed through the caller's tenant only; made before each cell that needs one)
  'PUT /v1/webhook': { request: () => ({ body: { url: 'https://93.184.215.14/ade-hook' } }), expect: TENANT_WRITE_OWN_SCOPE(200) },
  'GET /v1/webhook': { request: withOwnWebhook, expect: TENANT_READ_OWN_SCOPE(200) },
  'DELETE /v1/webhook': { request: withOwnWebhook, expect: TENANT_WRITE_OWN_SCOPE(204) },
  'POST /v1/webhook/rotate-secret': { request: withOwnWebhook, expect: TENANT_WRITE_OWN_SCOPE(200) },
  'GET /v1/webhook/deliveries': { expect: TENANT_READ_OWN_SCOPE(200) },

  // --- API keys (tenant admins only)
  'POST /v1/api-keys': { request: (f) => ({ body: { name: `matrix-${f.unique()}`, scopes: ['read'] } }), expect: TENANT_WRITE_OWN_SCOPE(201) },
  'GET /v1/api-keys': { expect: { operator: 403, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 200, ...UNAUTH } },
  'GET /v1/api-keys/:id': {
    request: (f) => ({ params: { id: f.a.apiKey } }),
    expect: { operator: 403, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 404, ...UNAUTH },
  },
  'DELETE /v1/api-keys/:id': { request: async (f) => ({ params: { id: (await f.a.freshApiKey()).id } }), expect: TENANT_WRITE_OF_A(204) },

  // --- tenant rate limits (platform operators only)
  'GET /v1/tenants/:id/rate-limit': { request: tenantA, expect: OPERATOR_ONLY(200) },
  'PUT /v1/tenants/:id/rate-limit': { request: (f) => ({ ...tenantA(f), body: { apiRateLimitPerMinute: null } }), expect: OPERATOR_ONLY(200) },

  // --- audit log (tenant admins: their own chain; operators: the platform chain, or ?tenantId=)
  'GET /v1/audit/verify': { expect: { operator: 200, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 200, ...UNAUTH } },
  'GET /v1/audit/events': { expect: { operator: 200, tenantAdmin: 200, tenantViewer: 403, otherTenantAdmin: 200, ...UNAUTH } },
  'GET /v1/tenants/:id/engine': { request: tenantA, expect: OPERATOR_ONLY(200) },
  'PUT /v1/tenants/:id/engine': { request: (f) => ({ ...tenantA(f), body: { kind: 'embedded' } }), expect: OPERATOR_ONLY(200) },
  'PUT /v1/tenants/:id/mfa': { request: (f) => ({ ...tenantA(f), body: { required: false } }), expect: OPERATOR_ONLY(200) },
  'PUT /v1/tenants/:id/legal-hold': { request: (f) => ({ ...tenantA(f), body: { enabled: false, reason: 'authorization matrix' } }), expect: OPERATOR_ONLY(200) },
};

async function withOwnWebhook(f: CaseFixtures): Promise<RequestParts> {
  await f.own.withWebhook();
  return {};
}

/** Routes closed to API keys whatever their scopes (@HumanOnly): users, keys, tenants, the audit trail, the caller's own session and second factor. */
export const HUMAN_ONLY_ROUTE = /^[A-Z]+ \/v1\/(users|api-keys|tenants|audit)(\/|$)|^[A-Z]+ \/v1\/auth\/(me|logout|mfa(\/enroll|\/activate)?)$/;

/**
 * An API key's cell, derived from the people's cells by the rules of an API key
 * (apps/control-plane/src/api-keys/api-key-scopes.ts), so a route cannot forget them.
 */
export function keyExpectation(route: string, entry: RouteExpectation, caller: KeyCaller): Status {
  // An internal route takes the data-plane token only: a key is no credential there.
  if (entry.dataPlane !== undefined) return 401;
  // A public route does not look at credentials: a key gets what anonymous gets.
  if (succeeds(entry.expect.anonymous)) return entry.expect.anonymous;
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

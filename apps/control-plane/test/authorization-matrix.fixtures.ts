import { randomBytes } from 'node:crypto';
import type { Role } from '@ade/contracts';
import { eventually } from '@ade/testing';
import { SessionsService } from '../src/auth/sessions.service';
import { CatalogHealthChecksRepository } from '../src/catalog-health/catalog-health-checks.repository';
import { QualityRecorder } from '../src/quality/quality-recorder';
import { PipelineMappingsRepository } from '../src/pipeline-mappings/pipeline-mappings.repository';
import { OF_TENANT_B, type AnyCaller, type Human, type KeyCaller } from './authorization-matrix.callers';
import type { ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, pipelineBody, sftpConnectorBody, tokenFor, type TenantFixture } from './factories';
import { authenticatorCode } from './mfa-codes';
import { qualityMeasured, qualityReport } from './quality-flow';

/**
 * What the authorization matrix's requests are built from: two tenants, each with the resources
 * its routes read (a pipeline, a run with a quality report, a quarantine release, an API key),
 * and makers of fresh ones for the calls that consume them, so every permitted call can succeed.
 */

export interface Session {
  accessToken: string;
  refreshToken: string;
}

interface Credentials {
  email: string;
  password: string;
}

/** A JWKS URL on a public address, so saving it needs no DNS (nothing fetches it in the matrix). */
export const PUBLIC_JWKS_URI = 'https://93.184.215.14/jwks';
/** The signing secret of the matrix control plane's Stripe webhook endpoint (made up per run). */
export const MATRIX_STRIPE_WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;

/** One tenant's resources; made by its admin through the API, like a customer would. */
export interface TenantSide {
  tenantId: string;
  /** Its silver claims table, fully qualified: the one its pipelines publish and its quality report is about. */
  table: string;
  pipeline: string;
  /** A queued run of `pipeline` with a quality report. */
  run: string;
  /** A quarantine release of `table` by `pipeline`. */
  release: string;
  /** A catalog health check the worker reported on. */
  healthCheck: string;
  /** The id of one of its API keys. */
  apiKey: string;
  /** One of its SFTP connectors. */
  connector: string;
  /** A queued check of `connector` (so the data plane may fetch the connector's credentials for it). */
  connectorCheck: string;
  /** A queued export of `table` through `connector`. */
  tableExport: string;
  adminCredentials: Credentials;
  freshPipeline(): Promise<string>;
  freshConnector(): Promise<string>;
  /** A multipart upload into `pipeline`'s source with one part sent, ready to complete (the landing bucket is real). */
  freshMultipartUpload(): Promise<{ path: string; uploadId: string; parts: Array<{ partNumber: number; etag: string }> }>;
  freshApiKey(scopes?: string[]): Promise<{ id: string; key: string }>;
  /** Makes sure the tenant has a webhook (it has one per tenant). */
  withWebhook(): Promise<void>;
  /** Makes sure the tenant is connected to an external identity provider (an operator's change). */
  withIdentityProvider(): Promise<void>;
  /** Makes sure the tenant's Stripe subscription is live (subscribing again if canceled) or canceled. */
  withSubscription(state: 'live' | 'canceled'): Promise<void>;
  /** A new session of its admin. */
  adminSession(): Promise<Session>;
}

/** What one cell's request may use. */
export interface CaseFixtures {
  /** Tenant A, whose resources the routes address by id. */
  a: TenantSide;
  /** The caller's own tenant: B for tenant B's admin and key, A for everyone else. */
  own: TenantSide;
  /** A new session of the caller, for a route that ends the session it is called in; none for keys and broken tokens. */
  callerSession(): Promise<Session | undefined>;
  /**
   * A session of a new person with the caller's role and tenant, with a second factor being
   * enrolled or on, and a code to send next: for the calls that change a person's MFA for good,
   * which would lock the shared callers out of the other cells. None for keys and broken tokens.
   */
  mfaPeer(state: 'enrolling' | 'enabled'): Promise<{ session: Session; code: string } | undefined>;
  /** A tenant moved to Databricks by the operator, its catalog being provisioned there (made once). */
  databricksTenant(): Promise<string>;
  unique(): string;
}

export interface MatrixFixtures {
  tokens: Record<Human, string>;
  keys: Record<KeyCaller, string>;
  /** What tenant B's callers must never see. */
  secretsOfA: string[];
  forCase(caller: AnyCaller): CaseFixtures;
}

const unique = () => randomBytes(4).toString('hex');

export async function matrixFixtures(cp: ControlPlaneHarness): Promise<MatrixFixtures> {
  const operator = await operatorToken(cp);
  const tenantA = await createTenant(cp);
  const tenantB = await createTenant(cp);
  const viewer = { email: `viewer@${tenantA.slug}.test`, password: randomBytes(12).toString('hex') };
  await cp.http().post('/v1/users').set(bearer(tenantA.admin.token)).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
  const tokens: Record<Human, string> = {
    operator,
    tenantAdmin: tenantA.admin.token,
    tenantViewer: await tokenFor(cp, viewer.email, viewer.password),
    otherTenantAdmin: tenantB.admin.token,
  };

  const a = await tenantSide(cp, tenantA, operator);
  const b = await tenantSide(cp, tenantB, operator);
  let databricks: Promise<string> | undefined;
  const databricksTenant = () =>
    (databricks ??= (async () => {
      const tenant = await createTenant(cp);
      const engine = { kind: 'databricks', host: 'https://dbc-matrix.cloud.databricks.com', httpPath: '/sql/1.0/warehouses/0123456789abcdef', credentials: { token: `dapi${unique()}${unique()}` } };
      await cp.http().put(`/v1/tenants/${tenant.tenantId}/engine`).set(bearer(operator)).send(engine).expect(200);
      return tenant.tenantId;
    })());
  const revoked = await a.freshApiKey(['read', 'write']);
  await cp.http().delete(`/v1/api-keys/${revoked.id}`).set(bearer(tenantA.admin.token)).expect(204);

  return {
    tokens,
    keys: {
      readKey: (await a.freshApiKey(['read'])).key,
      writeKey: (await a.freshApiKey(['read', 'write'])).key,
      revokedKey: revoked.key,
      otherTenantKey: (await b.freshApiKey(['read', 'write'])).key,
    },
    secretsOfA: [a.tenantId, a.pipeline, a.run, a.release, a.healthCheck, a.apiKey, a.connector, a.connectorCheck, a.tableExport, tenantA.admin.email, viewer.email],
    forCase: (caller) => ({
      a,
      own: OF_TENANT_B.includes(caller) ? b : a,
      callerSession: async () => (caller in tokens ? newSession(cp, tokens[caller as Human]) : undefined),
      mfaPeer: async (state) => (caller in tokens ? mfaPeer(cp, operator, tokens[caller as Human], state) : undefined),
      databricksTenant,
      unique,
    }),
  };
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/**
 * A new session of the user a token belongs to, as a login would start it. Started directly: a
 * login checks the password with scrypt, which would make the few cells that need one slow.
 */
async function newSession(cp: ControlPlaneHarness, token: string): Promise<Session> {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; tid: string | null; role: Role };
  return cp.app.get(SessionsService).start({ id: claims.sub, tenantId: claims.tid, role: claims.role }, false);
}

/** A new person like the one `token` belongs to (made by an operator), signed in, enrolling or enrolled in MFA. */
async function mfaPeer(cp: ControlPlaneHarness, operator: string, token: string, state: 'enrolling' | 'enabled'): Promise<{ session: Session; code: string }> {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { tid: string | null; role: Role };
  const person = { email: `mfa-${unique()}@peer.test`, password: randomBytes(12).toString('hex'), role: claims.role, ...(claims.tid ? { tenantId: claims.tid } : {}) };
  const created = await cp.http().post('/v1/users').set(bearer(operator)).send(person).expect(201);
  const session = await cp.app.get(SessionsService).start({ id: created.body.id, tenantId: claims.tid, role: claims.role }, false);
  const { secret } = (await cp.http().post('/v1/auth/mfa/enroll').set(bearer(session.accessToken)).expect(200)).body as { secret: string };
  if (state === 'enrolling') return { session, code: authenticatorCode(secret) };
  await cp.http().post('/v1/auth/mfa/activate').set(bearer(session.accessToken)).send({ code: authenticatorCode(secret) }).expect(200);
  return { session, code: authenticatorCode(secret, 1) };
}

/** What a run that stopped for its mapping reports: one column, so accepting it has something to accept. */
const proposedMapping = {
  threshold: 0.8,
  columns: [{ canonical: 'claim_id', source: 'CLMNO', confidence: 0.9, applied: true, evidence: { header: { by: 'words' as const, closestTo: 'claim_number', score: 1 }, values: null, rival: null } }],
  unmatched: [],
  missingRequired: ['billing_npi'],
};

async function tenantSide(cp: ControlPlaneHarness, tenant: TenantFixture, operator: string): Promise<TenantSide> {
  const asAdmin = bearer(tenant.admin.token);
  const table = `${tenant.catalogName}.silver.professional_claims`;
  const freshPipeline = async () =>
    (await cp.http().post('/v1/pipelines').set(asAdmin).send(pipelineBody({ targetTable: table })).expect(201)).body.id as string;
  const freshConnector = async () =>
    (await cp.http().post('/v1/connectors').set(asAdmin).send(sftpConnectorBody({ name: `matrix-${unique()}` })).expect(201)).body.id as string;
  const freshApiKey = async (scopes = ['read']) =>
    (await cp.http().post('/v1/api-keys').set(asAdmin).send({ name: `matrix-${unique()}`, scopes }).expect(201)).body as { id: string; key: string };

  const pipeline = await freshPipeline();
  const freshMultipartUpload = async () => {
    const plan = (await cp.http().post(`/v1/pipelines/${pipeline}/uploads`).set(asAdmin).send({ fileName: 'claims.csv', sizeBytes: 65 * 2 ** 20 }).expect(201)).body;
    const sent = await fetch(plan.parts[0].url, { method: 'PUT', body: 'claim_id\n' });
    if (!sent.ok) throw new Error(`the matrix's landing bucket refused a part: ${sent.status}`);
    return { path: plan.path as string, uploadId: plan.uploadId as string, parts: [{ partNumber: 1, etag: sent.headers.get('etag')! }] };
  };
  const run = (await cp.http().post(`/v1/pipelines/${pipeline}/runs`).set(asAdmin).expect(202)).body.id as string;
  const ids = { tenantId: tenant.tenantId, runId: run, pipelineId: pipeline };
  await cp.app.get(QualityRecorder).record({ ...qualityMeasured(ids, new Date()), report: qualityReport({}, table) });
  await cp.app.get(PipelineMappingsRepository).recordProposal({ ...ids, attempt: 1, at: new Date().toISOString(), proposal: proposedMapping });
  const release = (await cp.http().post('/v1/quality/quarantine/release').set(asAdmin).send({ table, pipelineId: pipeline }).expect(202)).body.releaseId as string;
  const healthCheck = (await cp.http().post('/v1/catalog/health').set(asAdmin).send({}).expect(202)).body.id as string;
  const report = { engine: 'embedded' as const, catalogName: tenant.catalogName, schemas: [], tables: [], governance: null, findings: [] };
  await cp.app.get(CatalogHealthChecksRepository).markReported({ tenantId: tenant.tenantId, checkId: healthCheck, at: new Date().toISOString(), report });
  const connector = await freshConnector();
  const connectorCheck = (await cp.http().post(`/v1/connectors/${connector}/checks`).set(asAdmin).expect(202)).body.id as string;
  const tableExport = (await cp.http().post('/v1/exports').set(asAdmin).send({ table, connectorId: connector, path: 'exports/claims.parquet' }).expect(202)).body.id as string;

  return {
    tenantId: tenant.tenantId,
    table,
    pipeline,
    run,
    release,
    healthCheck,
    apiKey: (await freshApiKey()).id,
    connector,
    connectorCheck,
    tableExport,
    adminCredentials: { email: tenant.admin.email, password: tenant.admin.password },
    freshPipeline,
    freshConnector,
    freshMultipartUpload,
    freshApiKey,
    withWebhook: async () => {
      await cp.http().put('/v1/webhook').set(asAdmin).send({ url: 'https://93.184.215.14/ade-hook' }).expect(200);
    },
    withIdentityProvider: async () => {
      await cp
        .http()
        .put(`/v1/tenants/${tenant.tenantId}/identity-provider`)
        .set(bearer(operator))
        .send({ issuer: `https://idp-${unique()}.example.org/`, jwksUri: PUBLIC_JWKS_URI, audience: 'ade' })
        .expect(200);
    },
    withSubscription: async (state) => {
      const billing = await eventually(
        async () => (await cp.http().get('/v1/billing').set(asAdmin).expect(200)).body,
        (view) => view.stripe.subscriptionId !== null,
        { what: "the tenant's Stripe account to be opened" },
      );
      const base = `/v1/tenants/${tenant.tenantId}/billing`;
      if (state === 'canceled' && billing.status !== 'canceled') await cp.http().delete(`${base}/subscription`).query({ when: 'now' }).set(bearer(operator)).expect(200);
      if (state === 'live' && billing.status === 'canceled') await cp.http().put(`${base}/plan`).set(bearer(operator)).send({ plan: billing.plan.id }).expect(200);
    },
    adminSession: () => newSession(cp, tenant.admin.token),
  };
}

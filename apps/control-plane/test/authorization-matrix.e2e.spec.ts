import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { liveRoutes } from './live-routes';
import { createTenant, operatorToken, pipelineBody, tokenFor, type TenantFixture } from './factories';
import {
  allows,
  AUTHORIZATION_MATRIX,
  CALLERS,
  KEY_CALLERS,
  keyExpectation,
  statuses,
  UNAUTHENTICATED,
  type Caller,
  type KeyCaller,
  type Fixtures,
  type ParamFixture,
  type RouteExpectation,
} from './authorization-matrix.expectations';

/**
 * Every live route × every kind of caller, against the table in
 * authorization-matrix.expectations.ts. The routes come from the running app's router, so a
 * route without an entry (or an entry without a route) fails here.
 */

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function sign(claims: Record<string, unknown>, alg: string, secret: string): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  if (alg === 'none') return `${head}.`;
  const hash = alg === 'HS512' ? 'sha512' : 'sha256';
  return `${head}.${createHmac(hash, secret).update(head).digest('base64url')}`;
}
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** The token a broken caller presents, built from the claims of a caller the route lets in. */
function brokenToken(caller: Caller, principal: Record<string, unknown>, secret: string): string | undefined {
  const now = Math.floor(Date.now() / 1000);
  const valid = { ...principal, iat: now, exp: now + 600 };
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'expired':
      return sign({ ...valid, iat: now - 4000, exp: now - 3100 }, 'HS256', secret);
    case 'wrongSignature':
      return sign(valid, 'HS256', randomBytes(32).toString('hex'));
    case 'algNone':
      return sign(valid, 'none', secret);
    case 'wrongAlgorithm':
      return sign(valid, 'HS512', secret);
    case 'rs256Confusion': // RS256 header, HMAC'd with the shared secret as if it were a public key
      return sign(valid, 'RS256', secret);
    case 'wrongIssuer':
      return sign({ ...valid, iss: 'someone-else' }, 'HS256', secret);
    case 'wrongAudience':
      return sign({ ...valid, aud: 'another-api' }, 'HS256', secret);
    default:
      throw new Error(`${caller} is not a broken caller`);
  }
}

/** People and forged tokens first, then API keys, and tenant A's admin last (its side effects would hide other answers). */
const ORDER: ReadonlyArray<Caller | KeyCaller> = [...CALLERS.filter((caller) => caller !== 'tenantAdmin'), ...KEY_CALLERS, 'tenantAdmin'];
const isKeyCaller = (caller: Caller | KeyCaller): caller is KeyCaller => (KEY_CALLERS as readonly string[]).includes(caller);

// The suite is generated from the route table, so the app starts while the suite is collected.
describe('authorization matrix', async () => {
  const cp: ControlPlaneHarness = await startControlPlane({ label: 'authz' });
  const routes = liveRoutes(cp.app);
  const unlisted = routes.filter((route) => !(route in AUTHORIZATION_MATRIX));
  const stale = Object.keys(AUTHORIZATION_MATRIX).filter((route) => !routes.includes(route));

  let a: TenantFixture;
  let b: TenantFixture;
  let fixtures: Fixtures;
  const tokens = {} as Record<'operator' | 'tenantAdmin' | 'tenantViewer' | 'otherTenantAdmin', string>;
  const keys = {} as Record<KeyCaller, string>;
  let secret: string;
  let secretsOfA: string[];

  beforeAll(async () => {
    a = await createTenant(cp);
    b = await createTenant(cp);
    const viewer = { email: `viewer@${a.slug}.test`, password: randomBytes(12).toString('hex') };
    await cp.http().post('/v1/users').set('authorization', `Bearer ${a.admin.token}`).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
    tokens.operator = await operatorToken(cp);
    tokens.tenantAdmin = a.admin.token;
    tokens.tenantViewer = await tokenFor(cp, viewer.email, viewer.password);
    tokens.otherTenantAdmin = b.admin.token;
    secret = cp.env.JWT_SECRET!;

    const asA = { authorization: `Bearer ${a.admin.token}` };
    const asB = { authorization: `Bearer ${b.admin.token}` };
    const newKey = async (as: Record<string, string>, scopes: string[]) =>
      (await cp.http().post('/v1/api-keys').set(as).send({ name: `matrix-${randomBytes(3).toString('hex')}`, scopes }).expect(201)).body as { id: string; key: string };
    keys.readKey = (await newKey(asA, ['read'])).key;
    keys.writeKey = (await newKey(asA, ['read', 'write'])).key;
    keys.otherTenantKey = (await newKey(asB, ['read', 'write'])).key;
    const revoked = await newKey(asA, ['read', 'write']);
    await cp.http().delete(`/v1/api-keys/${revoked.id}`).set(asA).expect(204);
    keys.revokedKey = revoked.key;
    const pipelineA = (await cp.http().post('/v1/pipelines').set(asA).send(pipelineBody()).expect(201)).body.id as string;
    const runA = (await cp.http().post(`/v1/pipelines/${pipelineA}/runs`).set(asA).expect(202)).body.id as string;
    const table = `${a.catalogName}.silver.professional_claims`;
    const releaseA = (await cp.http().post('/v1/quality/quarantine/release').set(asA).send({ table, pipelineId: pipelineA }).expect(202)).body
      .releaseId as string;
    fixtures = {
      tenantA: a.tenantId,
      tenantB: b.tenantId,
      pipelineA,
      runA,
      releaseA,
      adminA: { email: a.admin.email, password: a.admin.password },
      table,
      freshPipelineA: async () => (await cp.http().post('/v1/pipelines').set(asA).send(pipelineBody()).expect(201)).body.id as string,
      unique: () => randomBytes(4).toString('hex'),
    };
    // what tenant B's admin must never see
    secretsOfA = [a.tenantId, pipelineA, runA, releaseA, a.admin.email, viewer.email];
  });
  afterAll(() => cp.close());

  it('has an expectation for every live route and a live route for every expectation', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect({ routesWithoutExpectation: unlisted, expectationsWithoutRoute: stale }).toEqual({
      routesWithoutExpectation: [],
      expectationsWithoutRoute: [],
    });
  });

  it('expectations are well formed: denied cells are exact, forged tokens are refused except on public routes', () => {
    for (const [route, entry] of Object.entries(AUTHORIZATION_MATRIX)) {
      const isPublic = allows(entry.expect.anonymous);
      for (const caller of CALLERS) {
        const cell = entry.expect[caller];
        const list = statuses(cell);
        if (!allows(cell)) expect(list, `${route} ${caller}: a denial is one exact status`).toHaveLength(1);
        if ((UNAUTHENTICATED as readonly Caller[]).includes(caller) && !isPublic) expect(cell, `${route} ${caller}`).toBe(401);
        if (caller === 'otherTenantAdmin') expect(list, `${route}: another tenant's admin never gets 401`).not.toContain(401);
      }
      for (const param of routeParams(route)) expect(entry.params?.[param], `${route}: fixture for :${param}`).toBeDefined();
    }
  });

  it('accepts a correctly signed hand-made token, so the broken ones fail only for their flaw', async () => {
    for (const token of [tokens.operator, tokens.tenantAdmin]) {
      const now = Math.floor(Date.now() / 1000);
      const forged = sign({ ...claimsOf(token), iat: now, exp: now + 600 }, 'HS256', secret);
      await cp.http().get('/v1/auth/me').set('authorization', `Bearer ${forged}`).expect(200);
    }
  });

  for (const route of unlisted) {
    it(`${route} has no entry in authorization-matrix.expectations.ts`, () => {
      expect.fail(`route ${route} exists but AUTHORIZATION_MATRIX has no entry for it: decide who may call it`);
    });
  }
  for (const route of stale) {
    it(`${route} is in the expectations but not served`, () => {
      expect.fail(`AUTHORIZATION_MATRIX has an entry for ${route}, but the app serves no such route`);
    });
  }

  for (const route of routes.filter((r) => r in AUTHORIZATION_MATRIX)) {
    const entry = AUTHORIZATION_MATRIX[route]!;
    describe(route, () => {
      const cells = ORDER.map((caller) => [caller, isKeyCaller(caller) ? keyExpectation(route, entry, caller) : entry.expect[caller]] as const);
      it.each(cells)('%s → %j', async (caller, cell) => {
        const response = await send(route, entry, caller);
        const detail = `${route} as ${caller}: got ${response.status} ${JSON.stringify(response.body)}`;
        expect(statuses(cell), detail).toContain(response.status);

        const otherTenant = caller === 'otherTenantAdmin' || caller === 'otherTenantKey';
        if (!allows(cell) || (statuses(cell).length === 1 && statuses(cell)[0] === 404 && otherTenant)) {
          const code = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[response.status];
          if (code) expect(response.body.error, detail).toBe(code);
        }
        if (otherTenant && !allows(entry.expect.anonymous)) {
          for (const secretOfA of secretsOfA) expect(response.text, `${detail}: leaks tenant A's ${secretOfA}`).not.toContain(secretOfA);
        }
      });
    });
  }

  function routeParams(route: string): string[] {
    return [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  }

  async function paramValue(fixture: ParamFixture): Promise<string> {
    switch (fixture) {
      case 'tenantA':
        return fixtures.tenantA;
      case 'pipelineA':
        return fixtures.pipelineA;
      case 'freshPipelineA':
        return fixtures.freshPipelineA();
      case 'runA':
        return fixtures.runA;
      case 'releaseA':
        return fixtures.releaseA;
      case 'table':
        return fixtures.table;
      case 'randomUuid':
        return randomUUID();
    }
  }

  async function send(route: string, entry: RouteExpectation, caller: Caller | KeyCaller) {
    const [method, template] = route.split(' ') as [string, string];
    let path = template;
    for (const param of routeParams(route)) {
      const fixture = entry.params?.[param];
      if (!fixture) throw new Error(`${route}: no fixture for :${param}`);
      path = path.replace(`:${param}`, encodeURIComponent(await paramValue(fixture)));
    }
    const http = cp.http();
    let req = (http[method.toLowerCase() as 'get'] as (url: string) => ReturnType<typeof http.get>)(path);
    if (entry.query) req = req.query(entry.query(fixtures));

    let token: string | undefined;
    if (isKeyCaller(caller)) token = keys[caller];
    else if (caller in tokens) token = tokens[caller as keyof typeof tokens];
    else {
      // present the claims of a caller the route lets in: a tenant admin where it may, else the operator
      const principal = allows(entry.expect.tenantAdmin) ? tokens.tenantAdmin : tokens.operator;
      token = brokenToken(caller, claimsOf(principal), secret);
    }
    if (token !== undefined) req = req.set('authorization', `Bearer ${token}`);
    if (entry.body) req = req.send(entry.body(fixtures) as object);
    return req;
  }
});

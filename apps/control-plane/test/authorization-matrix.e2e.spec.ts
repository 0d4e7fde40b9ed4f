import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../../libs/testing/src/s3-server';
import { startFakeStripe, type FakeStripe } from '../../../libs/testing/src/stripe-server';
import { CALLERS, isKeyCaller, KEY_CALLERS, OF_TENANT_B, succeeds, UNAUTHENTICATED, type AnyCaller, type Caller, type Status } from './authorization-matrix.callers';
import { AUTHORIZATION_MATRIX, keyExpectation, type RequestParts, type RouteExpectation } from './authorization-matrix.expectations';
import { MATRIX_STRIPE_WEBHOOK_SECRET, matrixFixtures, type MatrixFixtures } from './authorization-matrix.fixtures';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { stripeBillingEnv } from './factories';
import { liveRoutes } from './live-routes';

/**
 * Every live route × every kind of caller, against the table in
 * authorization-matrix.expectations.ts. The routes come from the running app's router, so a
 * route without an entry (or an entry without a route) fails here. Each cell expects one exact
 * status: permitted callers send a request made to succeed, so a route broken for them fails.
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
const ORDER: readonly AnyCaller[] = [...CALLERS.filter((caller) => caller !== 'tenantAdmin'), ...KEY_CALLERS, 'tenantAdmin'];
const ERROR_CODE = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' } as const;

function cellsOf(route: string, entry: RouteExpectation): Array<readonly [AnyCaller, Status]> {
  return ORDER.map((caller) => [caller, isKeyCaller(caller) ? keyExpectation(route, entry, caller) : entry.expect[caller]] as const);
}

/** How many cells expect success and how many denial, with the count of each status. */
function tally(cells: ReadonlyArray<readonly [AnyCaller, Status]>) {
  const statuses = cells.map(([, status]) => status);
  const side = (success: boolean) => {
    const mine = statuses.filter((status) => succeeds(status) === success);
    const each = [...new Set(mine)].sort((x, y) => x - y).map((status) => `${status}: ${mine.filter((s) => s === status).length}`);
    return { count: mine.length, each: each.join(', ') };
  };
  return { success: side(true), denial: side(false) };
}

// The suite is generated from the route table, so the app starts while the suite is collected.
describe('authorization matrix', async () => {
  // A real landing bucket, so that upload URLs, multipart uploads and their completion all answer.
  const s3: TestS3Server = await startS3Server('authz', 'authz-landing');
  // Stripe's double, so that billing's routes (the webhook among them) answer as in production.
  const stripe: FakeStripe = await startFakeStripe();
  const cp: ControlPlaneHarness = await startControlPlane({ label: 'authz', env: { ...s3.workerEnv(), ...stripeBillingEnv(stripe, MATRIX_STRIPE_WEBHOOK_SECRET) } });
  const routes = liveRoutes(cp.app);
  const unlisted = routes.filter((route) => !(route in AUTHORIZATION_MATRIX));
  const stale = Object.keys(AUTHORIZATION_MATRIX).filter((route) => !routes.includes(route));
  const listed = routes.filter((route) => route in AUTHORIZATION_MATRIX);
  const counts = tally(listed.flatMap((route) => cellsOf(route, AUTHORIZATION_MATRIX[route]!)));

  let fixtures: MatrixFixtures;
  let secret: string;

  beforeAll(async () => {
    fixtures = await matrixFixtures(cp);
    secret = cp.env.JWT_SECRET!;
  });
  afterAll(async () => {
    await cp.close();
    await s3.close();
    await stripe.close();
  });

  it('has an expectation for every live route and a live route for every expectation', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect({ routesWithoutExpectation: unlisted, expectationsWithoutRoute: stale }).toEqual({
      routesWithoutExpectation: [],
      expectationsWithoutRoute: [],
    });
  });

  it('expectations are well formed: one success status per route, exact denials, forged tokens refused except on public routes', () => {
    for (const [route, entry] of Object.entries(AUTHORIZATION_MATRIX)) {
      const isPublic = succeeds(entry.expect.anonymous);
      const cells = cellsOf(route, entry);
      if (entry.dataPlane !== undefined) {
        // An internal route: only the data-plane token is let in, which no caller of the matrix holds.
        expect(cells.filter(([, status]) => status !== 401), `${route}: refuses every user and key`).toEqual([]);
        expect(succeeds(entry.dataPlane), `${route}: the data plane gets a success status`).toBe(true);
        continue;
      }
      const successes = new Set(cells.filter(([, status]) => succeeds(status)).map(([, status]) => status));
      expect([...successes], `${route}: someone may call it, and every permitted caller gets the same success status`).toHaveLength(1);
      for (const [caller, status] of cells) {
        if ((UNAUTHENTICATED as readonly AnyCaller[]).includes(caller) && !isPublic) expect(status, `${route} ${caller}`).toBe(401);
        if (OF_TENANT_B.includes(caller)) expect(status, `${route} ${caller}: another tenant's caller never gets 401`).not.toBe(401);
        if (status === 404) expect(OF_TENANT_B, `${route} ${caller}: 404 only for another tenant's resource`).toContain(caller);
      }
    }
  });

  const { success, denial } = counts;
  it(`counts ${success.count + denial.count} cells: ${success.count} expect success, ${denial.count} expect denial`, () => {
    console.info(
      `authorization matrix: ${listed.length} routes × ${ORDER.length} callers = ${success.count + denial.count} cells; ` +
        `${success.count} expect success (${success.each}), ${denial.count} expect denial (${denial.each})`,
    );
    expect(success.count + denial.count).toBe(listed.length * ORDER.length);
    expect(success.count).toBeGreaterThan(0);
  });

  it('accepts a correctly signed hand-made token, so the broken ones fail only for their flaw', async () => {
    for (const token of [fixtures.tokens.operator, fixtures.tokens.tenantAdmin]) {
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

  for (const route of listed) {
    const entry = AUTHORIZATION_MATRIX[route]!;
    describe(route, () => {
      it.each(cellsOf(route, entry))('%s → %i', async (caller, status) => {
        const response = await send(route, entry, caller);
        const detail = `${route} as ${caller}: got ${response.status} ${JSON.stringify(response.body)}`;
        expect(response.status, detail).toBe(status);
        if (!succeeds(status)) expect(response.body.error, detail).toBe(ERROR_CODE[status]);
        if (OF_TENANT_B.includes(caller) && !succeeds(entry.expect.anonymous)) {
          for (const secretOfA of fixtures.secretsOfA) expect(response.text, `${detail}: leaks tenant A's ${secretOfA}`).not.toContain(secretOfA);
        }
      });
      const dataPlaneStatus = entry.dataPlane;
      if (dataPlaneStatus !== undefined) {
        it(`the data plane's token → ${dataPlaneStatus}`, async () => {
          const response = await send(route, entry, 'tenantAdmin', cp.dataPlaneToken);
          expect(response.status, `${route} as the data plane: got ${response.status} ${JSON.stringify(response.body)}`).toBe(dataPlaneStatus);
        });
      }
    });
  }

  /** `presented`: a token sent instead of the caller's own (the data plane's, on internal routes). */
  async function send(route: string, entry: RouteExpectation, caller: AnyCaller, presented?: string) {
    const [method, template] = route.split(' ') as [string, string];
    const parts: RequestParts = (await entry.request?.(fixtures.forCase(caller))) ?? {};
    const path = template.replace(/:(\w+)/g, (_, param: string) => {
      const value = parts.params?.[param];
      if (value === undefined) throw new Error(`${route}: its request gives no value for :${param}`);
      return encodeURIComponent(value);
    });
    const http = cp.http();
    let req = (http[method.toLowerCase() as 'get'] as (url: string) => ReturnType<typeof http.get>)(path);
    if (parts.query) req = req.query(parts.query);
    for (const [name, value] of Object.entries(parts.headers ?? {})) req = req.set(name, value);

    let token: string | undefined;
    if (isKeyCaller(caller)) token = fixtures.keys[caller];
    else if (caller in fixtures.tokens) token = parts.token ?? fixtures.tokens[caller as keyof MatrixFixtures['tokens']];
    else {
      // present the claims of a caller the route lets in: a tenant admin where it may, else the operator
      const principal = succeeds(entry.expect.tenantAdmin) ? fixtures.tokens.tenantAdmin : fixtures.tokens.operator;
      token = brokenToken(caller, claimsOf(principal), secret);
    }
    if (presented !== undefined) token = presented;
    if (token !== undefined) req = req.set('authorization', `Bearer ${token}`);
    if (parts.body !== undefined) req = req.send(parts.body as object);
    return req;
  }
});

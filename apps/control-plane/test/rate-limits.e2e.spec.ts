import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, type TenantFixture } from './factories';

const LIMIT = 5;
const WINDOW_SECONDS = 4;

describe('per-tenant API rate limits', () => {
  let cp: ControlPlaneHarness;
  let operator: string;
  let tenantA: TenantFixture;
  let tenantB: TenantFixture;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const headersOf = (response: { headers: Record<string, string> }) => ({
    limit: response.headers['ratelimit-limit'],
    remaining: response.headers['ratelimit-remaining'],
    reset: response.headers['ratelimit-reset'],
  });

  beforeAll(async () => {
    cp = await startControlPlane({
      label: 'rate-limits',
      env: { API_RATE_LIMIT_PER_MINUTE: String(LIMIT), API_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) },
    });
    operator = await operatorToken(cp);
    tenantA = await createTenant(cp);
    tenantB = await createTenant(cp);
  });
  afterAll(() => cp?.close());

  it('counts a tenant down to 429 with Retry-After, without touching another tenant, then resets', async () => {
    for (let i = 1; i <= LIMIT; i++) {
      const response = await cp.http().get('/v1/pipelines').set(bearer(tenantA.admin.token)).expect(200);
      expect(headersOf(response)).toMatchObject({ limit: String(LIMIT), remaining: String(LIMIT - i) });
      expect(Number(headersOf(response).reset)).toBeGreaterThanOrEqual(1);
      expect(Number(headersOf(response).reset)).toBeLessThanOrEqual(WINDOW_SECONDS);
    }
    const blocked = await cp.http().get('/v1/pipelines').set(bearer(tenantA.admin.token)).expect(429);
    expect(blocked.body).toEqual({ error: 'too_many_requests', message: 'API rate limit of this tenant exceeded; try again later' });
    expect(headersOf(blocked)).toMatchObject({ limit: String(LIMIT), remaining: '0' });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);

    // the tenant's API keys share its budget
    const key = await cp.http().post('/v1/api-keys').set(bearer(tenantA.admin.token)).send({ name: 'ci', scopes: ['read'] });
    expect(key.status).toBe(429);

    // tenant B has its own counter
    const other = await cp.http().get('/v1/pipelines').set(bearer(tenantB.admin.token)).expect(200);
    expect(headersOf(other)).toMatchObject({ limit: String(LIMIT), remaining: String(LIMIT - 1) });

    // health, login and operators are not tenant-limited
    const health = await cp.http().get('/v1/health').expect(200);
    expect(health.headers['ratelimit-limit']).toBeUndefined();
    await cp.http().post('/v1/auth/token').send({ email: tenantA.admin.email, password: tenantA.admin.password }).expect(200);
    const operatorCall = await cp.http().get('/v1/tenants').set(bearer(operator)).expect(200);
    expect(operatorCall.headers['ratelimit-limit']).toBeUndefined();

    await sleep(retryAfter * 1000 + 250);
    const again = await cp.http().get('/v1/pipelines').set(bearer(tenantA.admin.token)).expect(200);
    expect(headersOf(again)).toMatchObject({ limit: String(LIMIT), remaining: String(LIMIT - 1) });
  });

  it('applies a per-tenant override set by an operator, and its removal', async () => {
    const tenantC = await createTenant(cp);
    const set = await cp.http().put(`/v1/tenants/${tenantC.tenantId}/rate-limit`).set(bearer(operator)).send({ apiRateLimitPerMinute: 2 }).expect(200);
    expect(set.body).toEqual({ tenantId: tenantC.tenantId, apiRateLimitPerMinute: 2, effectiveLimit: 2, windowSeconds: WINDOW_SECONDS });
    const read = await cp.http().get(`/v1/tenants/${tenantC.tenantId}/rate-limit`).set(bearer(operator)).expect(200);
    expect(read.body).toEqual(set.body);

    await cp.http().get('/v1/pipelines').set(bearer(tenantC.admin.token)).expect(200);
    const second = await cp.http().get('/v1/pipelines').set(bearer(tenantC.admin.token)).expect(200);
    expect(headersOf(second)).toMatchObject({ limit: '2', remaining: '0' });
    await cp.http().get('/v1/pipelines').set(bearer(tenantC.admin.token)).expect(429);

    // back to the default: already 3 requests this window, under the default of 5
    await cp.http().put(`/v1/tenants/${tenantC.tenantId}/rate-limit`).set(bearer(operator)).send({ apiRateLimitPerMinute: null }).expect(200);
    const restored = await cp.http().get('/v1/pipelines').set(bearer(tenantC.admin.token)).expect(200);
    expect(headersOf(restored)).toMatchObject({ limit: String(LIMIT), remaining: '1' });
  });

  it('validates the override and answers 404 for an unknown tenant', async () => {
    const bad = await cp.http().put(`/v1/tenants/${tenantB.tenantId}/rate-limit`).set(bearer(operator)).send({ apiRateLimitPerMinute: 0 }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['apiRateLimitPerMinute']);
    await cp.http().put('/v1/tenants/00000000-0000-4000-8000-000000000000/rate-limit').set(bearer(operator)).send({ apiRateLimitPerMinute: 10 }).expect(404);
    await cp.http().put(`/v1/tenants/${tenantB.tenantId}/rate-limit`).set(bearer(tenantB.admin.token)).send({ apiRateLimitPerMinute: 1000 }).expect(403);
  });
});

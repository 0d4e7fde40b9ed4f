import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';

const ALLOWED_ORIGIN = 'https://console.example.test';
const WINDOW_SECONDS = 60;

describe('API hardening', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;

  beforeAll(async () => {
    cp = await startControlPlane({
      label: 'hardening',
      env: {
        CORS_ALLOWED_ORIGINS: `${ALLOWED_ORIGIN}, http://localhost:5173`,
        MAX_BODY_BYTES: '4096',
        // Client IPs come from X-Forwarded-For, so the tests can log in from several addresses.
        TRUST_PROXY_HOPS: '1',
        LOGIN_MAX_FAILURES: '3',
        LOGIN_MAX_FAILURES_PER_IP: '6',
        LOGIN_WINDOW_SECONDS: String(WINDOW_SECONDS),
      },
    });
    tenant = await createTenant(cp);
  });
  afterAll(() => cp?.close());

  describe('security headers', () => {
    it.each([
      ['a public route', '/v1/health', 200],
      ['a refused request', '/v1/pipelines', 401],
      ['an unknown route', '/v1/nowhere', 404],
    ])('are on %s, and X-Powered-By is not', async (_label, path, status) => {
      const response = await cp.http().get(path).expect(status);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'cache-control': 'no-store',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('CORS', () => {
    it('answers an allowed origin with CORS headers, and its preflight', async () => {
      const simple = await cp.http().get('/v1/health').set('origin', ALLOWED_ORIGIN).expect(200);
      expect(simple.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(simple.headers.vary).toMatch(/origin/i);

      const preflight = await cp
        .http()
        .options('/v1/pipelines')
        .set('origin', ALLOWED_ORIGIN)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'authorization, content-type')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    });

    it('gives a refused origin no CORS header, on requests and preflights alike', async () => {
      for (const origin of ['https://evil.example.test', `${ALLOWED_ORIGIN}.evil.test`, 'null']) {
        const simple = await cp.http().get('/v1/health').set('origin', origin).expect(200);
        const preflight = await cp.http().options('/v1/pipelines').set('origin', origin).set('access-control-request-method', 'POST');
        for (const response of [simple, preflight]) {
          expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
        }
        expect(preflight.status).not.toBe(204);
      }
    });
  });

  describe('request limits', () => {
    it('refuses a body over MAX_BODY_BYTES with 413 and the standard error body', async () => {
      const response = await cp
        .http()
        .post('/v1/auth/token')
        .send({ email: 'someone@example.test', password: 'p'.repeat(5000) })
        .expect(413);
      expect(response.body).toEqual({ error: 'payload_too_large', message: expect.any(String) });
      expect(JSON.stringify(response.body)).not.toContain('ppppp');
    });

    it('refuses JSON nested deeper than 32 levels, naming (request)', async () => {
      let deep: unknown = 'leaf-value';
      for (let level = 0; level < 40; level++) deep = { a: deep };
      const response = await cp.http().post('/v1/auth/token').send({ email: 'someone@example.test', password: 'x', deep }).expect(400);
      expect(response.body).toMatchObject({ error: 'validation_failed', fields: [{ field: '(request)', message: expect.stringContaining('deeper than 32') }] });
      expect(JSON.stringify(response.body)).not.toContain('leaf-value');
    });

    it('accepts JSON nested exactly 32 levels deep (and validates it as usual)', async () => {
      let deep: unknown = 1;
      for (let level = 0; level < 31; level++) deep = { a: deep };
      const response = await cp.http().post('/v1/auth/token').send({ email: 'someone@example.test', password: 'x', deep }).expect(400);
      expect(response.body.fields).toEqual([{ field: '(request)', message: expect.stringContaining('has an unknown key') }]);
    });

    it('refuses a query parameter over 2048 characters and more than 50 parameters', async () => {
      const long = await cp.http().get(`/v1/health?q=${'s'.repeat(2100)}`).expect(400);
      expect(long.body).toMatchObject({ error: 'validation_failed', fields: [{ field: '(request)' }] });
      expect(JSON.stringify(long.body)).not.toContain('sss');

      const many = Array.from({ length: 51 }, (_, i) => `p${i}=1`).join('&');
      const tooMany = await cp.http().get(`/v1/health?${many}`).expect(400);
      expect(tooMany.body.fields).toEqual([{ field: '(request)', message: 'query string has more than 50 parameters' }]);

      await cp.http().get(`/v1/health?q=${'s'.repeat(2000)}`).expect(200);
    });

    it('answers malformed JSON without quoting the body back', async () => {
      const response = await cp.http().post('/v1/auth/token').set('content-type', 'application/json').send('{"password": "hunter2-secret" ').expect(400);
      expect(response.body).toEqual({ error: 'bad_request', message: 'request body is not valid JSON' });
    });
  });

  describe('login throttling', () => {
    const login = (email: string, password: string, ip: string) =>
      cp.http().post('/v1/auth/token').set('x-forwarded-for', ip).send({ email, password });

    it('answers 429 with Retry-After after LOGIN_MAX_FAILURES failures, even for the right password', async () => {
      const ip = '203.0.113.10';
      for (let i = 0; i < 3; i++) await login(tenant.admin.email, 'wrong-password', ip).expect(401);
      const blocked = await login(tenant.admin.email, tenant.admin.password, ip).expect(429);
      expect(blocked.body).toEqual({ error: 'too_many_requests', message: 'too many failed logins; try again later' });
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);

      // The same email from another address, and another email from this one, are unaffected.
      await login(tenant.admin.email, tenant.admin.password, '203.0.113.11').expect(200);
      await login('somebody-else@example.test', 'wrong-password', ip).expect(401);
    });

    it('does not reveal whether the email exists: an unknown email is counted and blocked like a known one', async () => {
      // Each email from an address of its own, and fewer attempts than LOGIN_MAX_FAILURES_PER_IP
      // (6), so only the per-email counter can block: the address limit cannot mask a difference.
      const attempts = async (email: string, ip: string) => {
        const responses = [];
        for (let i = 0; i < 5; i++) responses.push(await login(email, 'wrong-password', ip));
        return responses;
      };
      const known = await attempts(tenant.admin.email, '203.0.113.12');
      const unknown = await attempts('no-such-user@example.test', '203.0.113.16');

      const statuses = [401, 401, 401, 429, 429];
      expect(known.map((r) => r.status)).toEqual(statuses);
      expect(unknown.map((r) => r.status)).toEqual(statuses);
      const shape = (response: (typeof known)[number]) => ({
        body: response.body,
        headers: Object.keys(response.headers).sort(),
        contentType: response.headers['content-type'],
      });
      expect(unknown.map(shape)).toEqual(known.map(shape));
      for (const blocked of [...known.slice(3), ...unknown.slice(3)]) {
        expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(WINDOW_SECONDS);
      }
    });

    it('resets the email counter on a successful login', async () => {
      const ip = '203.0.113.13';
      for (let i = 0; i < 2; i++) await login(tenant.admin.email, 'wrong-password', ip).expect(401);
      await login(tenant.admin.email, tenant.admin.password, ip).expect(200);
      for (let i = 0; i < 2; i++) await login(tenant.admin.email, 'wrong-password', ip).expect(401);
      await login(tenant.admin.email, tenant.admin.password, ip).expect(200);
    });

    it('blocks an address after LOGIN_MAX_FAILURES_PER_IP failures across emails', async () => {
      const ip = '203.0.113.14';
      for (let i = 0; i < 6; i++) await login(`spray-${i}@example.test`, 'wrong-password', ip).expect(401);
      const blocked = await login('spray-new@example.test', 'wrong-password', ip).expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      await login('spray-new@example.test', 'wrong-password', '203.0.113.15').expect(401);
    });

    it('keeps its counters in expiring keys under the queue prefix, without email addresses', async () => {
      const redis = new Redis(testRedisUrl);
      try {
        const keys = await redis.keys(`${cp.config.queue.prefix}:login-throttle:*`);
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) {
          expect(key).not.toContain('@');
          const ttl = await redis.pttl(key);
          expect(ttl).toBeGreaterThan(0);
          expect(ttl).toBeLessThanOrEqual(WINDOW_SECONDS * 1000);
        }
      } finally {
        redis.disconnect();
      }
    });
  });
});

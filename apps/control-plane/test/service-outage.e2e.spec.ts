import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, startPrivateRedis, startTcpProxy, testAppDatabaseUrl, type PrivateRedis, type TcpProxy } from '@ade/testing';
import { PRODUCER_COMMAND_TIMEOUT_MS } from '@ade/queue';
import { AuditLogService } from '../src/audit/audit-log.service';
import { DATABASE_CONNECT_TIMEOUT_MS } from '../src/database/data-source-options';
import { superuserDb, waitForEntry, chainOf } from './audit-db';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, pipelineBody, tokenFor, type TenantFixture } from './factories';
import { RecordingLogger } from './recording-logger';

/**
 * Real outages under a running control plane: its Redis is a private redis-server that is stopped
 * and started again on the same port (or paused); its PostgreSQL connections go through a TCP
 * proxy that is cut (live connections reset, new ones reset on accept, or held unanswered for a
 * partition) and restored. Each case checks what the API
 * answers and records while the service is down, and that it recovers once the service is back.
 */
describe('service outages under a running control plane', () => {
  const logs = new RecordingLogger();
  let redisDir: Awaited<ReturnType<typeof makeTempDir>>;
  let redis: PrivateRedis;
  let database: TcpProxy;
  let cp: ControlPlaneHarness;
  let db: Client;
  let operator: string;
  /** Connections the control plane keeps to Redis when all is well (queues, workers, producer). */
  let redisClients: number;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const login = (email: string, password: string) => cp.http().post('/v1/auth/token').send({ email, password });
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  /**
   * These bounds tell a prompt answer from a request that waits on Redis (the failure they catch
   * hangs for 10 s or more), not a speed: they leave a loaded machine seconds of slack. Without
   * Redis an answer comes before any command could even time out, so nothing waited through
   * reconnect attempts; a hung Redis is given up on after the producer's command timeout.
   */
  const PROMPT_MS = PRODUCER_COMMAND_TIMEOUT_MS;
  const HUNG_REDIS_MS = PRODUCER_COMMAND_TIMEOUT_MS + 3000;

  async function timed<T>(request: PromiseLike<T>): Promise<[T, number]> {
    const start = Date.now();
    const response = await request;
    return [response, Date.now() - start];
  }

  /** The control plane's connections to the private Redis (this probe's own excluded). */
  async function controlPlaneRedisClients(): Promise<number> {
    const probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectionName: 'outage-probe' });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      const list = (await probe.client('LIST')) as string;
      return list.split('\n').filter((line) => line.trim() !== '' && !line.includes('name=outage-probe')).length;
    } finally {
      probe.disconnect();
    }
  }

  /** Stops Redis for `during`, then starts it again and waits until every connection of the control plane is back. */
  async function redisOutage(during: () => Promise<void>): Promise<void> {
    await redis.stop();
    try {
      await during();
    } finally {
      await redis.restart();
      await eventually(controlPlaneRedisClients, (count) => count >= redisClients, { timeoutMs: 30_000, what: 'the control plane to reconnect to Redis' });
    }
  }

  /** Cuts the database connection for `during`, then restores it. */
  async function databaseOutage(during: () => Promise<void>): Promise<void> {
    await database.cut();
    try {
      await during();
    } finally {
      database.restore();
    }
  }

  /** A tenant user of `role` with a password, in `tenant`. */
  async function addUser(tenant: TenantFixture, role: 'tenant_admin' | 'tenant_viewer') {
    const user = { email: `${role}-${randomBytes(3).toString('hex')}@${tenant.slug}.test`, password: randomBytes(12).toString('hex') };
    await cp.http().post('/v1/users').set(bearer(operator)).send({ ...user, role, tenantId: tenant.tenantId }).expect(201);
    return user;
  }

  async function apiKey(tenant: TenantFixture, scopes: string[]): Promise<string> {
    const created = await cp.http().post('/v1/api-keys').set(bearer(tenant.admin.token)).send({ name: `outage-${randomBytes(2).toString('hex')}`, scopes }).expect(201);
    return created.body.key as string;
  }

  beforeAll(async () => {
    redisDir = await makeTempDir('outage-redis');
    // Persistence as a production Redis has it: what was stored before the outage is there after it.
    redis = await startPrivateRedis(['--dir', redisDir.path, '--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction']);
    const target = new URL(testAppDatabaseUrl);
    database = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    cp = await startControlPlane({
      label: 'outage',
      logger: logs,
      env: { REDIS_URL: redis.url, DATABASE_URL: database.urlFor(testAppDatabaseUrl), LOGIN_MAX_FAILURES: '3' },
    });
    db = await superuserDb(cp);
    operator = await operatorToken(cp);
    redisClients = await controlPlaneRedisClients();
  });

  afterAll(async () => {
    try {
      await db?.end();
      // Bounded, so that a control plane that cannot close still leaves no redis-server behind.
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the control plane did not close within 60 s')), 60_000)));
      await Promise.race([cp?.close(), gaveUp]).finally(() => clearTimeout(timer));
    } finally {
      await redis?.stop('SIGKILL');
      await database?.close();
      await redisDir?.cleanup();
    }
  });

  it('login fails closed with 503 while Redis is down, whatever the password, and is throttled again once Redis is back', async () => {
    const tenant = await createTenant(cp);
    const user = await addUser(tenant, 'tenant_viewer');
    const unavailable = { error: 'unavailable', message: 'login is temporarily unavailable' };
    let outageRequestId = '';

    await redisOutage(async () => {
      const [right, ms] = await timed(login(user.email, user.password));
      expect(right.status).toBe(503);
      expect(right.body).toEqual(unavailable);
      expect(ms).toBeLessThan(PROMPT_MS);
      outageRequestId = right.headers['x-request-id'] as string;
      // The same answer for a wrong password and an unknown address: nothing is checked without the throttle.
      for (const [email, password] of [[user.email, 'wrong-password'], [`nobody@${tenant.slug}.test`, user.password]] as const) {
        const [attempt, attemptMs] = await timed(login(email, password));
        expect(attempt.status).toBe(503);
        expect(attempt.body).toEqual(unavailable);
        expect(attemptMs).toBeLessThan(PROMPT_MS);
      }
      const health = await cp.http().get('/v1/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ error: 'unavailable', message: 'database is up, queue is down' });
    });

    // The refused attempt is in the user's tenant audit chain as an error, with its status.
    const entry = await waitForEntry(db, tenant.tenantId, (e) => e.requestId === outageRequestId, 'the audit entry of the refused login');
    expect(entry).toMatchObject({ action: 'auth.login', outcome: 'error', statusCode: 503 });

    await cp.http().get('/v1/health').expect(200, { status: 'ok', database: 'up', queue: 'up' });
    const back = await login(user.email, user.password).expect(200);
    expect(back.body.accessToken).toEqual(expect.any(String));
    // The throttle holds again: LOGIN_MAX_FAILURES (3) failures, then 429 even for the right password.
    for (let i = 0; i < 3; i++) await login(user.email, 'wrong-password').expect(401);
    const blocked = await login(user.email, user.password).expect(429);
    expect(blocked.body).toEqual({ error: 'too_many_requests', message: 'too many failed logins; try again later' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('authentication fails closed with 503 while Redis is down, for live and logged-out sessions alike; afterwards the live one works and the logged-out one stays revoked', async () => {
    const tenant = await createTenant(cp);
    const user = await addUser(tenant, 'tenant_viewer');
    const live = await tokenFor(cp, user.email, user.password);
    const loggedOut = await tokenFor(cp, user.email, user.password);
    await cp.http().post('/v1/auth/logout').set(bearer(loggedOut)).send({}).expect(204);
    await cp.http().get('/v1/auth/me').set(bearer(loggedOut)).expect(401);
    await cp.http().get('/v1/auth/me').set(bearer(live)).expect(200);

    await redisOutage(async () => {
      for (const token of [live, loggedOut]) {
        const [response, ms] = await timed(cp.http().get('/v1/auth/me').set(bearer(token)));
        expect(ms).toBeLessThan(PROMPT_MS);
        expect(response.status).toBe(503);
        expect(response.body).toEqual({ error: 'unavailable', message: 'authentication is temporarily unavailable' });
      }
    });

    const me = await cp.http().get('/v1/auth/me').set(bearer(live)).expect(200);
    expect(me.body.email).toBe(user.email);
    await cp.http().get('/v1/auth/me').set(bearer(loggedOut)).expect(401);
  });

  it('the tenant rate limit fails open while Redis is down, logging one warning for all of it, and is enforced again once Redis is back', async () => {
    const tenant = await createTenant(cp);
    await cp.http().put(`/v1/tenants/${tenant.tenantId}/rate-limit`).set(bearer(operator)).send({ apiRateLimitPerMinute: 3 }).expect(200);
    // An API key: its authentication needs no Redis, so its requests reach the rate limiter.
    const key = await apiKey(tenant, ['read']);
    const before = await cp.http().get('/v1/pipelines').set('x-api-key', key).expect(200);
    expect(before.headers['ratelimit-limit']).toBe('3');
    const warningsBefore = logs.withMsg('RateLimit', 'rate limit not enforced: redis unavailable').length;

    await redisOutage(async () => {
      for (let i = 0; i < 6; i++) {
        const [response, ms] = await timed(cp.http().get('/v1/pipelines').set('x-api-key', key));
        expect(ms).toBeLessThan(PROMPT_MS);
        expect(response.status).toBe(200);
        expect(response.headers['ratelimit-limit']).toBeUndefined();
      }
    });

    // Logged, but once for all of them (at most once every 10 s, however many requests pass unlimited).
    const warnings = logs.withMsg('RateLimit', 'rate limit not enforced: redis unavailable').slice(warningsBefore);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'warn', message: { msg: 'rate limit not enforced: redis unavailable', error: expect.any(String) } });
    expect(Object.keys(warnings[0]!.message as object).sort()).toEqual(['error', 'msg']);

    // Counted again: what the first answer says remains, then 429.
    const first = await cp.http().get('/v1/pipelines').set('x-api-key', key).expect(200);
    expect(first.headers['ratelimit-limit']).toBe('3');
    const remaining = Number(first.headers['ratelimit-remaining']);
    for (let i = 0; i < remaining; i++) await cp.http().get('/v1/pipelines').set('x-api-key', key).expect(200);
    const limited = await cp.http().get('/v1/pipelines').set('x-api-key', key).expect(429);
    expect(limited.body).toEqual({ error: 'too_many_requests', message: 'API rate limit of this tenant exceeded; try again later' });
    expect(limited.headers['ratelimit-remaining']).toBe('0');
  });

  it('API clients while Redis is down: a pipeline without a schedule is created, a run trigger answers 503 at once and is recorded as failed; runs queue again once Redis is back', async () => {
    const tenant = await createTenant(cp);
    const key = await apiKey(tenant, ['read', 'write']);
    const body = () => pipelineBody({ targetTable: `${tenant.catalogName}.silver.claims` });
    const pipeline = (await cp.http().post('/v1/pipelines').set('x-api-key', key).send(body()).expect(201)).body as { id: string };
    const logged = logs.entries.length;

    await redisOutage(async () => {
      // No schedule, no queue: nothing to wait for (it used to hang until Redis came back).
      const [created, createMs] = await timed(cp.http().post('/v1/pipelines').set('x-api-key', key).send(body()).timeout(10_000));
      expect(created.status).toBe(201);
      expect(createMs).toBeLessThan(PROMPT_MS);

      const [trigger, triggerMs] = await timed(cp.http().post(`/v1/pipelines/${pipeline.id}/runs`).set('x-api-key', key).timeout(10_000));
      expect(trigger.status).toBe(503);
      expect(trigger.body).toEqual({ error: 'unavailable', message: 'the run could not be queued; it is recorded as failed, try again shortly' });
      expect(triggerMs).toBeLessThan(PROMPT_MS);
      const runs = await cp.http().get(`/v1/pipelines/${pipeline.id}/runs`).set('x-api-key', key).expect(200);
      expect(runs.body.items).toHaveLength(1);
      expect(runs.body.items[0]).toMatchObject({ status: 'failed', error: { code: 'dispatch_failed', message: 'the job queue could not be reached' } });
      const dispatchLog = logs.entries.slice(logged).filter((entry) => entry.context === 'RunsService');
      expect(dispatchLog).toEqual([
        expect.objectContaining({ level: 'error', message: { msg: 'run dispatch failed', tenantId: tenant.tenantId, runId: runs.body.items[0].id, error: expect.any(String) } }),
      ]);
    });

    const queued = await cp.http().post(`/v1/pipelines/${pipeline.id}/runs`).set('x-api-key', key).expect(202);
    expect(queued.body).toMatchObject({ pipelineId: pipeline.id, status: 'queued', error: null });
  });

  it('a Redis that stops answering (paused, connections open) gets login and authentication a 503 after the command timeout instead of a hang; both work again when it resumes', async () => {
    const tenant = await createTenant(cp);
    const user = await addUser(tenant, 'tenant_viewer');
    const live = await tokenFor(cp, user.email, user.password);

    redis.pause();
    try {
      const [refused, loginMs] = await timed(login(user.email, user.password).timeout(15_000));
      expect(refused.status).toBe(503);
      expect(refused.body).toEqual({ error: 'unavailable', message: 'login is temporarily unavailable' });
      expect(loginMs).toBeLessThan(HUNG_REDIS_MS);
      const [me, meMs] = await timed(cp.http().get('/v1/auth/me').set(bearer(live)).timeout(15_000));
      expect(me.status).toBe(503);
      expect(me.body).toEqual({ error: 'unavailable', message: 'authentication is temporarily unavailable' });
      expect(meMs).toBeLessThan(HUNG_REDIS_MS);
      const health = await cp.http().get('/v1/health').timeout(15_000);
      expect(health.body).toEqual({ error: 'unavailable', message: 'database is up, queue is down' });
    } finally {
      redis.resume();
    }

    await eventually(() => cp.http().get('/v1/health').then((r) => r.status), (status) => status === 200, { timeoutMs: 10_000, what: 'a healthy control plane' });
    await login(user.email, user.password).expect(200);
    await cp.http().get('/v1/auth/me').set(bearer(live)).expect(200);
  });

  it('audit appends that fail while PostgreSQL is cut are counted and logged without changing the response; appends resume and the chains verify once it is back', async () => {
    const tenant = await createTenant(cp);
    const audit = cp.app.get(AuditLogService);
    // The tenant's rate limit is read (and cached) before the outage, as for any tenant in use.
    await cp.http().get('/v1/pipelines').set(bearer(tenant.admin.token)).expect(200);
    await audit.flush();
    const failedBefore = audit.failedWrites;
    const logged = logs.entries.length;
    const outageRequests: string[] = [];

    await databaseOutage(async () => {
      // Refused by validation before any query: the answer does not depend on the database or the audit write.
      const invalid = await cp.http().post('/v1/pipelines').set(bearer(tenant.admin.token)).send({});
      expect(invalid.status).toBe(400);
      expect(invalid.body.error).toBe('validation_failed');
      // A login needs the database: an internal error, with an id to find it in the log and nothing else.
      const loginAttempt = await login(tenant.admin.email, tenant.admin.password);
      expect(loginAttempt.status).toBe(500);
      expect(loginAttempt.body).toEqual({ error: 'internal_error', message: 'Internal error', errorId: expect.stringMatching(UUID) });
      const health = await cp.http().get('/v1/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ error: 'unavailable', message: 'database is down, queue is up' });
      outageRequests.push(invalid.headers['x-request-id'] as string, loginAttempt.headers['x-request-id'] as string);
      await audit.flush();
    });

    // Both audited requests lost their entry; each loss is counted and logged (action and request id, no email).
    expect(audit.failedWrites - failedBefore).toBe(2);
    const failures = logs.entries.slice(logged).filter((entry) => entry.context === 'audit');
    expect(failures.map((entry) => entry.level)).toEqual(['error', 'error']);
    expect(failures.map((entry) => entry.message)).toEqual(
      expect.arrayContaining([
        { msg: 'audit event could not be written', action: 'POST /v1/pipelines', requestId: outageRequests[0], failedWrites: expect.any(Number), error: expect.any(String) },
        { msg: 'audit event could not be written', action: 'POST /v1/auth/token', requestId: outageRequests[1], failedWrites: expect.any(Number), error: expect.any(String) },
      ]),
    );
    expect(failures.map((entry) => (entry.message as { failedWrites: number }).failedWrites).sort()).toEqual([failedBefore + 1, failedBefore + 2]);
    expect(JSON.stringify(logs.entries.slice(logged))).not.toContain(tenant.admin.email);

    // Back: the pool reconnects, requests and their audit entries go through, nothing more is lost.
    await eventually(() => cp.http().get('/v1/health').then((r) => r.status), (status) => status === 200, { timeoutMs: 10_000, what: 'a healthy control plane' });
    await login(tenant.admin.email, tenant.admin.password).expect(200);
    const after = await cp.http().post('/v1/pipelines').set(bearer(tenant.admin.token)).send(pipelineBody({ targetTable: `${tenant.catalogName}.silver.claims` })).expect(201);
    await waitForEntry(db, tenant.tenantId, (e) => e.requestId === after.headers['x-request-id'], 'the audit entry of a request after the outage');
    await audit.flush();
    expect(audit.failedWrites).toBe(failedBefore + 2);
    const chain = await chainOf(db, tenant.tenantId);
    expect(chain.filter((e) => outageRequests.includes(e.requestId ?? ''))).toEqual([]);
    const verified = await cp.http().get('/v1/audit/verify').set(bearer(tenant.admin.token)).expect(200);
    expect(verified.body).toMatchObject({ tenantId: tenant.tenantId, ok: true, entries: chain.length });
    const platform = await cp.http().get('/v1/audit/verify').set(bearer(await operatorToken(cp))).expect(200);
    expect(platform.body).toMatchObject({ tenantId: null, ok: true });
  });

  it('a database that accepts connections but never answers (a partition) gets health a 503 and login an internal error after the connect timeout instead of a hang; both recover', async () => {
    const tenant = await createTenant(cp);
    const audit = cp.app.get(AuditLogService);
    await audit.flush();
    const failedBefore = audit.failedWrites;
    const bound = DATABASE_CONNECT_TIMEOUT_MS + 2000;

    await database.cut('blackhole');
    try {
      const [[health, healthMs], [loginAttempt, loginMs]] = await Promise.all([
        timed(cp.http().get('/v1/health').timeout(30_000)),
        timed(login(tenant.admin.email, tenant.admin.password).timeout(30_000)),
      ]);
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ error: 'unavailable', message: 'database is down, queue is up' });
      expect(healthMs).toBeLessThan(bound);
      expect(loginAttempt.status).toBe(500);
      expect(loginAttempt.body).toEqual({ error: 'internal_error', message: 'Internal error', errorId: expect.stringMatching(UUID) });
      expect(loginMs).toBeLessThan(bound);
      // The login's audit write gave up the same way, and was counted.
      await audit.flush();
      expect(audit.failedWrites - failedBefore).toBe(1);
    } finally {
      database.restore();
    }

    await eventually(() => cp.http().get('/v1/health').then((r) => r.status), (status) => status === 200, { timeoutMs: 10_000, what: 'a healthy control plane' });
    await login(tenant.admin.email, tenant.admin.password).expect(200);
  });
});

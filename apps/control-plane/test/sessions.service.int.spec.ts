import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueConfig, Secret } from '@ade/config';
import { dropQueuePrefix, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { AuditLogRepository } from '../src/audit/audit-log.repository';
import { MfaRepository } from '../src/auth/mfa/mfa.repository';
import { REFRESH_REUSE_ACTION, RefreshReuseRecorder } from '../src/auth/refresh-reuse.recorder';
import { hashRefreshToken } from '../src/auth/refresh-token';
import { RefreshTokensRepository } from '../src/auth/refresh-tokens.repository';
import { SessionRevocations } from '../src/auth/session-revocations';
import type { SessionUser } from '../src/auth/session-owner';
import { SessionsService } from '../src/auth/sessions.service';
import { AuthSessionsConfig } from '../src/config/auth-sessions.config';
import { AuthConfig } from '../src/config/control-plane.config';
import { WebhookConfig } from '../src/config/webhook.config';
import { Alert } from '../src/quality/alert.entity';
import { AlertsRepository } from '../src/quality/alerts.repository';
import { WebhookDeliveriesRepository } from '../src/webhooks/webhook-deliveries.repository';
import { WebhookDelivery } from '../src/webhooks/webhook-delivery.entity';
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher';
import { WEBHOOKS_QUEUE } from '../src/webhooks/webhooks.queue';
import { migratedDatabase, tenantWithUser, type MigratedDatabase } from './migrated-database';
import { recordNestLogs } from './recording-logger';
import { tenantRateLimiter } from './tenant-rate-limiter.fixture';

const ACCESS_TOKEN_TTL_SECONDS = 900;
const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

describe('SessionsService (real PostgreSQL and Redis)', () => {
  const prefix = uniqueQueuePrefix('sessions');
  const logs = recordNestLogs();
  const auth = new AuthConfig(new Secret('s'.repeat(32)), 'https://ade.example.org', 'ade-api', ACCESS_TOKEN_TTL_SECONDS, 4, null);
  let db: MigratedDatabase;
  let redis: Redis;
  let revocations: SessionRevocations;
  let sessions: SessionsService;
  let user: SessionUser;
  let webhooks: Queue;
  const origin = { requestId: 'req-sessions', clientIp: '203.0.113.7' };

  const expiresAtOf = async (refreshToken: string): Promise<Date> =>
    (await db.dataSource.query(`SELECT expires_at FROM refresh_tokens WHERE token_hash = $1`, [hashRefreshToken(refreshToken)]))[0].expires_at;
  const sessionOf = (accessToken: string) => (new JwtService().decode(accessToken) as { sid: string }).sid;

  beforeAll(async () => {
    db = await migratedDatabase('sessions');
    redis = new Redis(testRedisUrl);
    revocations = new SessionRevocations(redis, new QueueConfig(testRedisUrl, prefix), auth, tenantRateLimiter(redis, prefix, db));
    const jwt = new JwtService({ secret: 's'.repeat(32), signOptions: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS } });
    webhooks = new Queue(WEBHOOKS_QUEUE, { connection: { url: testRedisUrl }, prefix });
    const reuse = new RefreshReuseRecorder(
      new AuditLogRepository(db.scope),
      new AlertsRepository(db.dataSource.getRepository(Alert)),
      new WebhookDeliveriesRepository(db.dataSource.getRepository(WebhookDelivery)),
      new WebhookDispatcher(webhooks, new WebhookConfig(3, 1000, 5000, false)),
    );
    sessions = new SessionsService(new RefreshTokensRepository(db.scope), revocations, jwt, auth, new AuthSessionsConfig(REFRESH_TOKEN_TTL_SECONDS, false), reuse, new MfaRepository(db.scope));
    const { tenantId, user: row } = await tenantWithUser(db.dataSource);
    user = { id: row.id, tenantId, role: row.role };
  });
  afterAll(async () => {
    await webhooks?.close();
    redis.disconnect();
    await dropQueuePrefix(prefix);
    await db?.drop();
  });

  it('gives every refresh token, first and rotated, the full refresh lifetime', async () => {
    const before = Date.now();
    const issued = await sessions.start(user, false);
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshExpiresIn: REFRESH_TOKEN_TTL_SECONDS });
    const first = (await expiresAtOf(issued.refreshToken)).getTime();
    expect(first).toBeGreaterThanOrEqual(before + REFRESH_TOKEN_TTL_SECONDS * 1000 - 1000);
    expect(first).toBeLessThanOrEqual(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000 + 1000);
    const { issued: rotated, user: holder } = await sessions.refresh(issued.refreshToken, origin);
    expect(holder).toEqual(user);
    expect(sessionOf(rotated!.accessToken)).toBe(sessionOf(issued.accessToken));
    expect((await expiresAtOf(rotated!.refreshToken)).getTime()).toBeGreaterThanOrEqual(first);
  });

  it('ends the whole session when a used refresh token comes back, and logs the session and user, not the token', async () => {
    const issued = await sessions.start(user, false);
    const sessionId = sessionOf(issued.accessToken);
    const { issued: rotated } = await sessions.refresh(issued.refreshToken, origin);
    expect(await sessions.refresh(issued.refreshToken, origin)).toEqual({ issued: null, user });
    expect(await revocations.isRevoked(sessionId)).toBe(true);
    expect(await sessions.refresh(rotated!.refreshToken, origin)).toEqual({ issued: null, user: null });
    expect(logs.entries.map(({ level, context, message }) => ({ level, context, message }))).toEqual([
      { level: 'warn', context: 'SessionsService', message: { msg: 'refresh token reuse detected; session revoked', sessionId, userId: user.id } },
    ]);
  });

  it("records a reuse on the tenant's chain with the user, and raises one tenant alert per session, in the revoking transaction", async () => {
    const issued = await sessions.start(user, false);
    const sessionId = sessionOf(issued.accessToken);
    await sessions.refresh(issued.refreshToken, origin);
    await sessions.refresh(issued.refreshToken, origin);
    await sessions.refresh(issued.refreshToken, origin);
    const entries = await db.dataSource.query(`SELECT tenant_id, actor_type, actor_id, actor_role, outcome, status_code, request_id, client_ip, details FROM audit_events WHERE action = $1 AND resource_id = $2`, [REFRESH_REUSE_ACTION, sessionId]);
    expect(entries).toEqual([
      { tenant_id: user.tenantId, actor_type: 'user', actor_id: user.id, actor_role: user.role, outcome: 'denied', status_code: 401, request_id: origin.requestId, client_ip: origin.clientIp, details: { sessionRevoked: true } },
    ]);
    const alerts = await db.dataSource.query(`SELECT tenant_id, user_id, kind, table_name, run_id FROM alerts WHERE dedupe_key LIKE $1`, [`%${sessionId}%`]);
    expect(alerts).toEqual([{ tenant_id: user.tenantId, user_id: user.id, kind: 'session_token_reused', table_name: null, run_id: null }]);
  });

  it("issues a session that must enrol a second factor with the claim that limits it, and reads the tenant's policy again at each refresh", async () => {
    const claimsOf = (token: string) => new JwtService().decode(token) as { mfa?: string };
    const limited = await sessions.start(user, true);
    expect(claimsOf(limited.accessToken).mfa).toBe('enroll');
    expect(claimsOf((await sessions.start(user, false)).accessToken).mfa).toBeUndefined();
    // The tenant does not require MFA: the next refresh of the limited session lifts the limit.
    const { issued } = await sessions.refresh(limited.refreshToken, origin);
    expect(claimsOf(issued!.accessToken).mfa).toBeUndefined();
    await db.dataSource.query(`UPDATE tenants SET mfa_required = true WHERE id = $1`, [user.tenantId]);
    try {
      const again = await sessions.refresh(issued!.refreshToken, origin);
      expect(claimsOf(again.issued!.accessToken).mfa).toBe('enroll');
    } finally {
      await db.dataSource.query(`UPDATE tenants SET mfa_required = false WHERE id = $1`, [user.tenantId]);
    }
  });

  it("logs out the caller's session and the refresh token's, counting them", async () => {
    const current = await sessions.start(user, false);
    const other = await sessions.start(user, false);
    const caller = { userId: user.id, tenantId: user.tenantId, role: user.role, sessionId: sessionOf(current.accessToken) };
    await sessions.logout(caller, other.refreshToken);
    expect(await revocations.isRevoked(sessionOf(current.accessToken))).toBe(true);
    expect(await revocations.isRevoked(sessionOf(other.accessToken))).toBe(true);
    expect((await sessions.refresh(other.refreshToken, origin)).issued).toBeNull();
    expect(logs.withMsg('SessionsService', 'logged out').map((entry) => entry.message)).toEqual([{ msg: 'logged out', userId: user.id, sessions: 2 }]);
  });
});

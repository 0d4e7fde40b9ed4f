import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueConfig, Secret } from '@ade/config';
import { dropQueuePrefix, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { hashRefreshToken } from '../src/auth/refresh-token';
import { RefreshTokensRepository } from '../src/auth/refresh-tokens.repository';
import { SessionRevocations } from '../src/auth/session-revocations';
import { SessionsService, type SessionUser } from '../src/auth/sessions.service';
import { AuthSessionsConfig } from '../src/config/auth-sessions.config';
import { AuthConfig } from '../src/config/control-plane.config';
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

  const expiresAtOf = async (refreshToken: string): Promise<Date> =>
    (await db.dataSource.query(`SELECT expires_at FROM refresh_tokens WHERE token_hash = $1`, [hashRefreshToken(refreshToken)]))[0].expires_at;
  const sessionOf = (accessToken: string) => (new JwtService().decode(accessToken) as { sid: string }).sid;

  beforeAll(async () => {
    db = await migratedDatabase('sessions');
    redis = new Redis(testRedisUrl);
    revocations = new SessionRevocations(redis, new QueueConfig(testRedisUrl, prefix), auth, tenantRateLimiter(redis, prefix, db));
    const jwt = new JwtService({ secret: 's'.repeat(32), signOptions: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS } });
    sessions = new SessionsService(new RefreshTokensRepository(db.scope), revocations, jwt, auth, new AuthSessionsConfig(REFRESH_TOKEN_TTL_SECONDS, false));
    const { tenantId, user: row } = await tenantWithUser(db.dataSource);
    user = { id: row.id, tenantId, role: row.role };
  });
  afterAll(async () => {
    redis.disconnect();
    await dropQueuePrefix(prefix);
    await db?.drop();
  });

  it('gives every refresh token, first and rotated, the full refresh lifetime', async () => {
    const before = Date.now();
    const issued = await sessions.start(user);
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshExpiresIn: REFRESH_TOKEN_TTL_SECONDS });
    const first = (await expiresAtOf(issued.refreshToken)).getTime();
    expect(first).toBeGreaterThanOrEqual(before + REFRESH_TOKEN_TTL_SECONDS * 1000 - 1000);
    expect(first).toBeLessThanOrEqual(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000 + 1000);
    const rotated = await sessions.refresh(issued.refreshToken);
    expect(sessionOf(rotated.accessToken)).toBe(sessionOf(issued.accessToken));
    expect((await expiresAtOf(rotated.refreshToken)).getTime()).toBeGreaterThanOrEqual(first);
  });

  it('ends the whole session when a used refresh token comes back, and logs the session, not the token', async () => {
    const issued = await sessions.start(user);
    const sessionId = sessionOf(issued.accessToken);
    const rotated = await sessions.refresh(issued.refreshToken);
    await expect(sessions.refresh(issued.refreshToken)).rejects.toMatchObject({ code: 'unauthorized', message: 'invalid or expired refresh token' });
    expect(await revocations.isRevoked(sessionId)).toBe(true);
    await expect(sessions.refresh(rotated.refreshToken)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(logs.entries.map(({ level, context, message }) => ({ level, context, message }))).toEqual([
      { level: 'warn', context: 'SessionsService', message: { msg: 'refresh token reuse detected; session revoked', sessionId } },
    ]);
  });

  it("logs out the caller's session and the refresh token's, counting them", async () => {
    const current = await sessions.start(user);
    const other = await sessions.start(user);
    const caller = { userId: user.id, tenantId: user.tenantId, role: user.role, sessionId: sessionOf(current.accessToken) };
    await sessions.logout(caller, other.refreshToken);
    expect(await revocations.isRevoked(sessionOf(current.accessToken))).toBe(true);
    expect(await revocations.isRevoked(sessionOf(other.accessToken))).toBe(true);
    await expect(sessions.refresh(other.refreshToken)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(logs.withMsg('SessionsService', 'logged out').map((entry) => entry.message)).toEqual([{ msg: 'logged out', userId: user.id, sessions: 2 }]);
  });
});

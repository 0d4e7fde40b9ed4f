import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { sign, type SignOptions } from 'jsonwebtoken';
import passport from 'passport';
import type { Strategy } from 'passport-strategy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QueueConfig, Secret } from '@ade/config';
import { dropQueuePrefix, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { IdentityProvidersRepository } from '../src/auth/identity-providers.repository';
import { IdpJwtStrategy, IdpKeyResolver } from '../src/auth/idp-jwt.strategy';
import { JwksClient } from '../src/auth/jwks-client';
import { JwtStrategy } from '../src/auth/jwt.strategy';
import { SessionRevocations } from '../src/auth/session-revocations';
import { AuthConfig } from '../src/config/control-plane.config';
import { migratedDatabase, tenantWithUser, type MigratedDatabase } from './migrated-database';
import { countedRequests } from '../src/rate-limits/counted-requests';
import { recordNestLogs } from './recording-logger';
import { RATE_WINDOW_SECONDS, tenantRateLimiter } from './tenant-rate-limiter.fixture';

type Outcome = { outcome: 'success'; user: unknown } | { outcome: 'fail' } | { outcome: 'error'; error: Error };

/** Runs a passport strategy on a request with this Authorization header, as passport.authenticate would. */
function authenticate(strategy: Strategy, authorization: string, request: { headers?: object } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const attempt = Object.create(strategy) as Strategy & {
      success(user: unknown): void;
      fail(): void;
      error(error: Error): void;
    };
    attempt.success = (user) => resolve({ outcome: 'success', user });
    attempt.fail = () => resolve({ outcome: 'fail' });
    attempt.error = (error) => resolve({ outcome: 'error', error });
    request.headers = { authorization };
    attempt.authenticate(request as never, {});
  });
}

const OUR_ISSUER = 'https://ade.example.org';
const OUR_AUDIENCE = 'ade-api';
const SECRET = 's'.repeat(32);
const auth = new AuthConfig(new Secret(SECRET), OUR_ISSUER, OUR_AUDIENCE, 900, 4, null);
const RATE_LIMIT = 50;

describe('JwtStrategy (real Redis for revocations and rate counts)', () => {
  const prefix = uniqueQueuePrefix('jwt-strategy');
  let db: MigratedDatabase;
  let redis: Redis;
  let revocations: SessionRevocations;
  let strategy: JwtStrategy;
  const claims = { sub: randomUUID(), tid: randomUUID(), role: 'tenant_admin' };
  const ours = (payload: object, options: SignOptions = {}) =>
    `Bearer ${sign(payload, SECRET, { algorithm: 'HS256', issuer: OUR_ISSUER, audience: OUR_AUDIENCE, expiresIn: 60, ...options })}`;

  beforeAll(async () => {
    db = await migratedDatabase('jwt-strategy');
    redis = new Redis(testRedisUrl);
    revocations = new SessionRevocations(redis, new QueueConfig(testRedisUrl, prefix), auth, tenantRateLimiter(redis, prefix, db, RATE_LIMIT));
    strategy = new JwtStrategy(auth, revocations);
  });
  afterAll(async () => {
    redis.disconnect();
    await dropQueuePrefix(prefix);
    await db?.drop();
  });

  it("counts a tenant session's request once, for the rate-limit guard to apply; an operator's is not counted", async () => {
    const request = {};
    expect(await authenticate(strategy, ours({ ...claims, sid: randomUUID() }), request)).toMatchObject({ outcome: 'success' });
    expect(countedRequests.take(request)).toEqual({ allowed: true, limit: RATE_LIMIT, remaining: RATE_LIMIT - 1, resetSeconds: RATE_WINDOW_SECONDS });
    expect(countedRequests.take(request)).toBeUndefined();
    expect(await redis.get(`${prefix}:rate:${claims.tid}`)).toBe('1');

    const operator = {};
    const operatorClaims = { sub: randomUUID(), tid: null, role: 'platform_operator', sid: randomUUID() };
    expect(await authenticate(strategy, ours(operatorClaims), operator)).toMatchObject({ outcome: 'success' });
    expect(countedRequests.take(operator)).toBeUndefined();
    await revocations.revoke(operatorClaims.sid);
    expect(await authenticate(strategy, ours(operatorClaims), {})).toEqual({ outcome: 'fail' });
  });

  it('accepts our token and turns its claims into the caller', async () => {
    const sid = randomUUID();
    expect(await authenticate(strategy, ours({ ...claims, sid }))).toEqual({
      outcome: 'success',
      user: { userId: claims.sub, tenantId: claims.tid, role: 'tenant_admin', sessionId: sid },
    });
  });

  it("marks the caller of a session that must enrol a second factor first, and refuses any other value of the claim", async () => {
    const sid = randomUUID();
    expect(await authenticate(strategy, ours({ ...claims, sid, mfa: 'enroll' }))).toEqual({
      outcome: 'success',
      user: { userId: claims.sub, tenantId: claims.tid, role: 'tenant_admin', sessionId: sid, mfaEnrollmentPending: true },
    });
    expect(await authenticate(strategy, ours({ ...claims, sid, mfa: 'done' }))).toEqual({ outcome: 'fail' });
  });

  it('refuses an expired token, a foreign issuer or audience, and a session that was revoked', async () => {
    const sid = randomUUID();
    await revocations.revoke(sid);
    for (const authorization of [
      ours(claims, { expiresIn: -1 }),
      ours(claims, { issuer: 'https://elsewhere.example.org' }),
      ours(claims, { audience: 'other-api' }),
      ours({ ...claims, sid }),
      ours({ ...claims, role: 'superuser' }),
    ]) {
      expect(await authenticate(strategy, authorization)).toEqual({ outcome: 'fail' });
    }
  });
});

describe('IdpJwtStrategy and IdpKeyResolver (real PostgreSQL)', () => {
  const IDP_ISSUER = 'https://idp.example.org';
  const JWKS_URI = 'https://idp.example.org/jwks';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const logs = recordNestLogs();
  let db: MigratedDatabase;
  let providers: IdentityProvidersRepository;
  let tenantId: string;
  let userEmail: string;
  let userId: string;
  const fetches: string[] = [];
  let resolver: IdpKeyResolver;
  let strategy: IdpJwtStrategy;

  /** Signed by the provider's key; an option given as undefined is left out of the token. */
  const rs256 = (payload: object, options: Partial<Record<keyof SignOptions, unknown>> = {}) => {
    const merged = { algorithm: 'RS256', keyid: 'k1', issuer: IDP_ISSUER, audience: 'ade', expiresIn: 60, ...options };
    return sign(payload, privateKey, Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as SignOptions);
  };
  const refusal = (token: string) => resolver.resolve(token).then(() => null, (error: Error) => error.message);

  beforeAll(async () => {
    db = await migratedDatabase('idp-strategy');
    const { tenantId: id, user } = await tenantWithUser(db.dataSource, 'tenant_viewer');
    tenantId = id;
    userEmail = user.email;
    userId = user.id;
    providers = new IdentityProvidersRepository(db.scope);
    await providers.upsert(tenantId, { issuer: IDP_ISSUER, jwksUri: JWKS_URI, audience: 'ade', emailClaim: 'email' });
    const jwks = new JwksClient({
      fetcher: async (uri) => {
        // The identity provider is outside the platform: this is what its JWKS endpoint answers.
        fetches.push(uri);
        return { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }] };
      },
    });
    resolver = new IdpKeyResolver(providers, jwks, auth);
    strategy = new IdpJwtStrategy(resolver, providers);
  });
  afterEach(() => {
    fetches.length = 0;
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("signs in a user of the provider's tenant, with that user's role", async () => {
    expect(await authenticate(strategy, `Bearer ${rs256({ email: userEmail.toUpperCase() })}`)).toEqual({
      outcome: 'success',
      user: { userId, tenantId, role: 'tenant_viewer' },
    });
    expect(fetches).toEqual([JWKS_URI]);
  });

  it('refuses tokens that fail any one check after the signature', async () => {
    const refused = [
      rs256({ email: 'nobody@example.org' }),
      rs256({ email: '' }),
      rs256({ email: 42 }),
      rs256({ email: userEmail, email_verified: false }),
      rs256({ email: userEmail }, { audience: 'someone-else' }),
      rs256({ email: userEmail }, { expiresIn: -120 }),
      rs256({ email: userEmail }, { expiresIn: undefined }),
      rs256({ email: userEmail }, { notBefore: 120 }),
    ];
    for (const token of refused) expect(await authenticate(strategy, `Bearer ${token}`)).toEqual({ outcome: 'fail' });
    // 60 s of clock difference with the provider are tolerated.
    expect(await authenticate(strategy, `Bearer ${rs256({ email: userEmail }, { expiresIn: -30 })}`)).toMatchObject({ outcome: 'success' });
  });

  it('answers a token whose key cannot be found at once, instead of leaving the request waiting', async () => {
    const outcome = await authenticate(strategy, `Bearer ${rs256({ email: userEmail }, { issuer: 'https://elsewhere.example.org' })}`);
    expect(outcome).toEqual({ outcome: 'fail' });
  });

  it('registers under its own name, beside our own JwtStrategy, never in its place', () => {
    const ours = new JwtStrategy(auth, {} as SessionRevocations);
    const theirs = new IdpJwtStrategy(resolver, providers);
    // passport keeps its registry private; its typings do not show the lookup the guards rely on.
    const registered = (name: string) => (passport as unknown as { _strategy(name: string): unknown })._strategy(name);
    expect(registered('jwt')).toBe(ours);
    expect(registered('idp-jwt')).toBe(theirs);
  });

  it('never looks up a key for a token that is not RS256, claims our issuer or has no kid', async () => {
    const notOurs = 'not an identity provider token';
    expect(await refusal(sign({ iss: IDP_ISSUER }, 'secret', { algorithm: 'HS256', keyid: 'k1' }))).toBe(notOurs);
    expect(await refusal(sign({ iss: IDP_ISSUER }, privateKey, { algorithm: 'RS512', keyid: 'k1' }))).toBe(notOurs);
    expect(await refusal(rs256({}, { issuer: OUR_ISSUER }))).toBe(notOurs);
    expect(await refusal(rs256({}, { issuer: undefined }))).toBe(notOurs);
    expect(await refusal(rs256({}, { keyid: undefined }))).toBe(notOurs);
    expect(await refusal('not.a.jwt')).toBe(notOurs);
    expect(fetches).toEqual([]);
  });

  it('refuses an unknown issuer and an unknown kid', async () => {
    expect(await refusal(rs256({}, { issuer: 'https://elsewhere.example.org' }))).toBe('unknown issuer');
    expect(fetches).toEqual([]);
    expect(await refusal(rs256({}, { keyid: 'k2' }))).toBe('unknown signing key');
  });

  it('refuses while the provider keys cannot be fetched, and logs which tenant without the token', async () => {
    const unreachable = new JwksClient({
      fetcher: async () => {
        throw new Error('JWKS endpoint answered 503');
      },
    });
    const offline = new IdpKeyResolver(providers, unreachable, auth);
    const error = await offline.resolve(rs256({ email: userEmail })).then(() => null, (e: Error) => e.message);
    expect(error).toBe('identity provider keys unavailable');
    expect(logs.entries.map(({ level, context, message }) => ({ level, context, message }))).toEqual([
      { level: 'warn', context: 'IdpKeyResolver', message: { msg: 'identity provider keys unavailable', tenantId, error: 'JWKS endpoint answered 503' } },
    ]);
  });
});

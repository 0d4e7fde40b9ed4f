import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueConfig } from '@ade/config';
import { dropQueuePrefix, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { TooManyRequestsError, UnavailableError } from '../src/common/app-error';
import { LoginThrottle, type LoginAttempt } from '../src/auth/login-throttle';
import { LoginThrottleConfig } from '../src/config/http-security.config';

const MAX_FAILURES = 3;
const MAX_FAILURES_PER_IP = 5;
const WINDOW_SECONDS = 60;

describe('LoginThrottle (real Redis)', () => {
  const prefix = uniqueQueuePrefix('login-throttle');
  let redis: Redis;
  let throttle: LoginThrottle;
  let nextIp = 1;
  /** A client IP no other test has used, so each test starts with empty counters. */
  const freshIp = () => `192.0.2.${nextIp++}`;

  const fail = async (attempt: LoginAttempt) => {
    await throttle.reserve(attempt);
    await throttle.failed(attempt);
  };
  /** The documented key of an (email, IP) counter: a SHA-256 of the lower-cased email and the IP. */
  const pairKey = (email: string, clientIp: string) =>
    `${prefix}:login-throttle:pair:${createHash('sha256').update(`${email}\n${clientIp}`).digest('hex')}`;
  const blocked = (attempt: LoginAttempt) => throttle.reserve(attempt).then(() => null, (error: unknown) => error);

  beforeAll(() => {
    redis = new Redis(testRedisUrl);
    throttle = new LoginThrottle(redis, new QueueConfig(testRedisUrl, prefix), new LoginThrottleConfig(MAX_FAILURES, MAX_FAILURES_PER_IP, WINDOW_SECONDS));
  });
  afterAll(async () => {
    redis.disconnect();
    await dropQueuePrefix(prefix);
  });

  it('allows exactly maxFailures failed attempts for one email and IP, then answers 429 for the rest of the window', async () => {
    const attempt = { email: 'pat@example.org', clientIp: freshIp() };
    for (let i = 0; i < MAX_FAILURES; i++) await fail(attempt);
    const error = await blocked(attempt);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as Error).message).toBe('too many failed logins; try again later');
    expect((error as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(WINDOW_SECONDS - 5);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
  });

  it('asks for a whole window when the blocking counter has lost its expiry', async () => {
    // e.g. restored from a snapshot without TTLs: PTTL answers -1.
    const clientIp = freshIp();
    const ipKey = `${prefix}:login-throttle:ip:${clientIp}`;
    await redis.set(ipKey, String(MAX_FAILURES_PER_IP));
    const error = await blocked({ email: 'pat@example.org', clientIp });
    await redis.del(ipKey);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(WINDOW_SECONDS);
  });

  it('counts an email case-insensitively, and per client IP', async () => {
    const clientIp = freshIp();
    for (let i = 0; i < MAX_FAILURES; i++) await fail({ email: i % 2 ? 'Lee@Example.org' : 'lee@example.org', clientIp });
    expect(await blocked({ email: 'LEE@EXAMPLE.ORG', clientIp })).toBeInstanceOf(TooManyRequestsError);
    expect(await blocked({ email: 'lee@example.org', clientIp: freshIp() })).toBeNull();
    expect(await blocked({ email: 'other@example.org', clientIp })).toBeNull();
  });

  it('blocks a client IP after maxFailuresPerIp failures across any emails', async () => {
    const clientIp = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await fail({ email: `user${i}@example.org`, clientIp });
    const error = await blocked({ email: 'never-tried@example.org', clientIp });
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(WINDOW_SECONDS - 5);
    expect(await blocked({ email: 'never-tried@example.org', clientIp: freshIp() })).toBeNull();
  });

  it('lets the IP reach exactly maxFailuresPerIp failures before blocking it', async () => {
    const clientIp = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_IP - 1; i++) await fail({ email: `near${i}@example.org`, clientIp });
    expect(await blocked({ email: 'last@example.org', clientIp })).toBeNull();
  });

  it('clears the email counter on success but keeps the IP counter', async () => {
    const clientIp = freshIp();
    const attempt = { email: 'sam@example.org', clientIp };
    for (let i = 0; i < MAX_FAILURES - 1; i++) await fail(attempt);
    await throttle.reserve(attempt);
    await throttle.succeeded(attempt);
    for (let i = 0; i < MAX_FAILURES; i++) await fail(attempt);
    expect(await blocked(attempt)).toBeInstanceOf(TooManyRequestsError);
    const ipKey = `${prefix}:login-throttle:ip:${clientIp}`;
    expect(Number(await redis.get(ipKey))).toBe(MAX_FAILURES - 1 + MAX_FAILURES);
  });

  it('keeps counters in expiring keys under the prefix that never hold the email', async () => {
    const clientIp = freshIp();
    await fail({ email: 'secret-person@example.org', clientIp });
    const keys = await redis.keys(`${prefix}:login-throttle:*`);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.some((key) => key.includes('secret-person'))).toBe(false);
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(WINDOW_SECONDS * 1000);
    }
    expect(keys).toContain(`${prefix}:login-throttle:ip:${clientIp}`);
    expect(keys).toContain(pairKey('secret-person@example.org', clientIp));
  });

  it('never extends the window with attempts made while blocked', async () => {
    const attempt = { email: 'Kim@Example.org', clientIp: freshIp() };
    for (let i = 0; i < MAX_FAILURES; i++) await fail(attempt);
    // As if 30 of the window's 60 seconds had passed.
    const key = pairKey('kim@example.org', attempt.clientIp);
    expect(await redis.pexpire(key, 30_000)).toBe(1);
    for (let i = 0; i < 3; i++) {
      const error = await blocked(attempt);
      expect((error as TooManyRequestsError).retryAfterSeconds).toBeLessThanOrEqual(30);
      expect((error as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(25);
    }
    expect(await redis.pttl(key)).toBeLessThanOrEqual(30_000);
  });

  it('fails closed with 503 when Redis cannot be reached', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    const offline = new LoginThrottle(unreachable, new QueueConfig(testRedisUrl, prefix), new LoginThrottleConfig(MAX_FAILURES, MAX_FAILURES_PER_IP, WINDOW_SECONDS));
    const attempt = { email: 'pat@example.org', clientIp: freshIp() };
    try {
      for (const call of [() => offline.reserve(attempt), () => offline.failed(attempt), () => offline.succeeded(attempt)]) {
        const error = await call().then(() => null, (e: unknown) => e);
        expect(error).toBeInstanceOf(UnavailableError);
        expect((error as Error).message).toBe('login is temporarily unavailable');
      }
    } finally {
      unreachable.disconnect();
    }
  });
});

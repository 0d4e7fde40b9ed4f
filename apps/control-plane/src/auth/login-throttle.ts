import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { QueueConfig } from '@ade/config';
import { TooManyRequestsError, UnavailableError } from '../common/app-error';
import { LoginThrottleConfig } from '../config/http-security.config';
import { PRODUCER_REDIS } from '../queues/queue.tokens';
import { secondsUntilReset } from '../rate-limits/rate-limit-decision';

/**
 * Reserves one attempt on the (email, IP) counter, unless the IP or that pair is already over its
 * limit. Returns [allowed (1/0), milliseconds until the blocking counter expires].
 * The window is fixed from the first failure: attempts made while blocked never extend it.
 */
const RESERVE = `
local ipCount = tonumber(redis.call('GET', KEYS[2]) or '0')
if ipCount >= tonumber(ARGV[2]) then return {0, redis.call('PTTL', KEYS[2])} end
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
if count > tonumber(ARGV[1]) then return {0, redis.call('PTTL', KEYS[1])} end
return {1, 0}
`;

const COUNT_FAILURE = `
redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1
`;

export interface LoginAttempt {
  email: string;
  clientIp: string;
}

/**
 * Brute-force protection of the login: failures are counted in Redis per (email, client IP) and per
 * client IP, in expiring keys under the queue prefix. The answer when blocked is the same whether
 * the email exists or not, and even a correct password is not checked while blocked.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
    private readonly queue: QueueConfig,
    private readonly config: LoginThrottleConfig,
  ) {}

  /** Throws TooManyRequestsError when blocked; otherwise counts the attempt as a failure until `succeeded`. */
  async reserve(attempt: LoginAttempt): Promise<void> {
    const [allowed, pttl] = (await this.run(() =>
      this.redis.eval(RESERVE, 2, this.pairKey(attempt), this.ipKey(attempt), this.config.maxFailures, this.config.maxFailuresPerIp, this.windowMs()),
    )) as [number, number];
    if (allowed === 1) return;
    throw new TooManyRequestsError('too many failed logins; try again later', secondsUntilReset(pttl, this.windowMs()));
  }

  /** The reserved attempt failed: it also counts against the client IP. */
  async failed(attempt: LoginAttempt): Promise<void> {
    await this.run(() => this.redis.eval(COUNT_FAILURE, 1, this.ipKey(attempt), this.windowMs()));
  }

  /** A successful login clears its (email, IP) counter; the IP counter keeps its failures. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.run(() => this.redis.del(this.pairKey(attempt)));
  }

  private windowMs(): number {
    return this.config.windowSeconds * 1000;
  }

  /** Hashed, so Redis never holds email addresses. */
  private pairKey(attempt: LoginAttempt): string {
    const digest = createHash('sha256').update(`${attempt.email.toLowerCase()}\n${attempt.clientIp}`).digest('hex');
    return `${this.queue.prefix}:login-throttle:pair:${digest}`;
  }

  private ipKey(attempt: LoginAttempt): string {
    return `${this.queue.prefix}:login-throttle:ip:${attempt.clientIp}`;
  }

  /** Without Redis the throttle cannot be enforced, so logins fail closed with 503. */
  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new UnavailableError('login is temporarily unavailable');
    }
  }
}

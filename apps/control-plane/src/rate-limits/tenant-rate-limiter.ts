import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { QueueConfig } from '@ade/config';
import { RateLimitConfig } from '../config/rate-limit.config';
import { PRODUCER_REDIS } from '../queues/queue.tokens';
import { rateLimitDecision, type RateLimitDecision } from './rate-limit-decision';
import { TenantRateLimitsRepository } from './tenant-rate-limits.repository';

/**
 * Counts one request in the tenant's fixed window; the window starts with the first request.
 * Returns [count in this window, milliseconds until the window ends]. With a second key, a
 * session's revocation marker, a revoked session is refused first ([REVOKED, -1]) and not counted.
 */
const REVOKED = -1;
const CONSUME = `
if KEYS[2] and redis.call('EXISTS', KEYS[2]) == 1 then return {${REVOKED}, -1} end
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

/** How long a tenant's override is remembered before it is read again (changes made here apply at once). */
const OVERRIDE_CACHE_MS = 30_000;

/**
 * Per-tenant request counting in Redis, under `<queue prefix>:rate:<tenantId>`, so every
 * control-plane instance shares one count per tenant and tenants never share a counter.
 */
@Injectable()
export class TenantRateLimiter {
  private readonly logger = new Logger('RateLimit');
  private readonly overrides = new Map<string, { limit: number; until: number }>();
  private lastRedisWarning = 0;

  constructor(
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
    private readonly queue: QueueConfig,
    private readonly config: RateLimitConfig,
    private readonly limits: TenantRateLimitsRepository,
  ) {}

  /**
   * Counts the request and decides. Null when Redis cannot be reached: the limiter then FAILS
   * OPEN (the request goes on, a warning is logged). It protects capacity, not data: access
   * control is untouched, and closing the whole API because a counter is down would turn a
   * Redis outage into an outage of every tenant.
   */
  async consume(tenantId: string): Promise<RateLimitDecision | null> {
    const limit = await this.limitFor(tenantId);
    let reply: [number, number];
    try {
      reply = (await this.redis.eval(CONSUME, 1, this.counterKey(tenantId), this.windowMs())) as [number, number];
    } catch (error) {
      this.warnRedisDown(error);
      return null;
    }
    return rateLimitDecision(limit, reply[0], reply[1], this.windowMs());
  }

  /**
   * The same count for a request that carries a session, in the same round trip as the session's
   * revocation check (`revokedSessionKey`, see SessionRevocations): 'revoked', not counted, when
   * the session was ended. Does not fail open: a Redis error is thrown, for the caller that owns
   * the session check to fail closed.
   */
  async consumeUnlessRevoked(tenantId: string, revokedSessionKey: string): Promise<RateLimitDecision | 'revoked'> {
    const limit = await this.limitFor(tenantId);
    const [count, resetMs] = (await this.redis.eval(CONSUME, 2, this.counterKey(tenantId), revokedSessionKey, this.windowMs())) as [number, number];
    return count === REVOKED ? 'revoked' : rateLimitDecision(limit, count, resetMs, this.windowMs());
  }

  private counterKey(tenantId: string): string {
    return `${this.queue.prefix}:rate:${tenantId}`;
  }

  private windowMs(): number {
    return this.config.windowSeconds * 1000;
  }

  /** Forgets a cached override after an operator changes it. */
  forget(tenantId: string): void {
    this.overrides.delete(tenantId);
  }

  private async limitFor(tenantId: string): Promise<number> {
    const cached = this.overrides.get(tenantId);
    if (cached && cached.until > Date.now()) return cached.limit;
    const limit = (await this.limits.overrideFor(tenantId)) ?? this.config.defaultLimit;
    this.overrides.set(tenantId, { limit, until: Date.now() + OVERRIDE_CACHE_MS });
    return limit;
  }

  /** At most one warning every 10 s, whatever the request rate. */
  private warnRedisDown(error: unknown): void {
    if (Date.now() - this.lastRedisWarning < 10_000) return;
    this.lastRedisWarning = Date.now();
    this.logger.warn({ msg: 'rate limit not enforced: redis unavailable', error: error instanceof Error ? error.message : String(error) });
  }
}

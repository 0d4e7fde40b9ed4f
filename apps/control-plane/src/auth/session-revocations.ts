import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { QueueConfig } from '@ade/config';
import { UnavailableError } from '../common/app-error';
import { AuthConfig } from '../config/control-plane.config';
import { PRODUCER_REDIS } from '../queues/queue.tokens';
import type { RateLimitDecision } from '../rate-limits/rate-limit-decision';
import { TenantRateLimiter } from '../rate-limits/tenant-rate-limiter';

/**
 * Sessions ended before their access tokens expire (logout, refresh token reuse). Access tokens
 * carry their session id (`sid`); a revoked id is kept in Redis for one access-token lifetime,
 * after which every token of that session has expired anyway.
 */
@Injectable()
export class SessionRevocations {
  constructor(
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
    private readonly queue: QueueConfig,
    private readonly auth: AuthConfig,
    private readonly limiter: TenantRateLimiter,
  ) {}

  async revoke(sessionId: string): Promise<void> {
    await this.run(() => this.redis.set(this.key(sessionId), '1', 'EX', this.auth.accessTokenTtlSeconds));
  }

  /** Without Redis a revoked session cannot be told apart, so authentication fails closed (503). */
  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.run(() => this.redis.exists(this.key(sessionId)))) === 1;
  }

  /**
   * A tenant session's check and its request's rate-limit count in one Redis round trip, the only
   * one an authenticated request makes: 'revoked' (not counted), or the tenant's decision. Fails
   * closed (503) like isRevoked.
   */
  async admit(sessionId: string, tenantId: string): Promise<RateLimitDecision | 'revoked'> {
    return this.run(() => this.limiter.consumeUnlessRevoked(tenantId, this.key(sessionId)));
  }

  private key(sessionId: string): string {
    return `${this.queue.prefix}:revoked-session:${sessionId}`;
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new UnavailableError('authentication is temporarily unavailable');
    }
  }
}

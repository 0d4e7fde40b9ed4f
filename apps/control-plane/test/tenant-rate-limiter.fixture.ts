import type Redis from 'ioredis';
import { QueueConfig } from '@ade/config';
import { testRedisUrl } from '@ade/testing';
import { RateLimitConfig } from '../src/config/rate-limit.config';
import { TenantRateLimiter } from '../src/rate-limits/tenant-rate-limiter';
import { TenantRateLimitsRepository } from '../src/rate-limits/tenant-rate-limits.repository';
import type { MigratedDatabase } from './migrated-database';

export const RATE_WINDOW_SECONDS = 60;

/** A real limiter on the suite's Redis prefix and migrated database. */
export function tenantRateLimiter(redis: Redis, prefix: string, db: MigratedDatabase, defaultLimit = 600): TenantRateLimiter {
  return new TenantRateLimiter(redis, new QueueConfig(testRedisUrl, prefix), new RateLimitConfig(defaultLimit, RATE_WINDOW_SECONDS), new TenantRateLimitsRepository(db.scope));
}

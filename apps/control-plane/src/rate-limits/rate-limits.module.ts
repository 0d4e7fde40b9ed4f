import { Module } from '@nestjs/common';
import { RateLimitsController } from './rate-limits.controller';
import { RateLimitsService } from './rate-limits.service';
import { TenantRateLimitGuard } from './tenant-rate-limit.guard';
import { TenantRateLimiter } from './tenant-rate-limiter';
import { TenantRateLimitsRepository } from './tenant-rate-limits.repository';

/**
 * Per-tenant API rate limits. The guard is exported, not registered here: AuthModule registers it
 * as an APP_GUARD after its authentication and role guards, so that it sees the caller's tenant.
 * The limiter is exported for the session check, which counts a session's request in the same
 * Redis round trip as its revocation check.
 */
@Module({
  controllers: [RateLimitsController],
  providers: [TenantRateLimitsRepository, TenantRateLimiter, RateLimitsService, TenantRateLimitGuard],
  exports: [TenantRateLimitGuard, TenantRateLimiter],
})
export class RateLimitsModule {}

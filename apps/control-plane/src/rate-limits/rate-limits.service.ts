import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError } from '../common/app-error';
import { RateLimitConfig } from '../config/rate-limit.config';
import { TenantRateLimiter } from './tenant-rate-limiter';
import { TenantRateLimitsRepository } from './tenant-rate-limits.repository';

export interface TenantRateLimit {
  tenantId: string;
  /** The tenant's own limit, or null for the platform default. */
  apiRateLimitPerMinute: number | null;
  effectiveLimit: number;
  windowSeconds: number;
}

/** Operators set a tenant's API rate limit above or below the platform default. */
@Injectable()
export class RateLimitsService {
  private readonly logger = new Logger('RateLimit');

  constructor(
    private readonly limits: TenantRateLimitsRepository,
    private readonly limiter: TenantRateLimiter,
    private readonly config: RateLimitConfig,
  ) {}

  async get(tenantId: string): Promise<TenantRateLimit> {
    const override = await this.limits.overrideFor(tenantId);
    if (override === undefined) throw new NotFoundError('tenant');
    return this.view(tenantId, override);
  }

  async set(tenantId: string, limit: number | null, operatorId: string): Promise<TenantRateLimit> {
    if (!(await this.limits.setOverride(tenantId, limit))) throw new NotFoundError('tenant');
    this.limiter.forget(tenantId);
    this.logger.log({ msg: 'tenant rate limit set', tenantId, apiRateLimitPerMinute: limit, operatorId });
    return this.view(tenantId, limit);
  }

  private view(tenantId: string, override: number | null): TenantRateLimit {
    return { tenantId, apiRateLimitPerMinute: override, effectiveLimit: override ?? this.config.defaultLimit, windowSeconds: this.config.windowSeconds };
  }
}

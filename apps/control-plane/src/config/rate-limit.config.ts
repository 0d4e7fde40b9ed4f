import { z } from 'zod';
import { envInt } from '@ade/config';

/** Environment variables of the per-tenant API rate limit; merged into the control plane's schema. */
export const rateLimitEnvSchema = z.object({
  API_RATE_LIMIT_PER_MINUTE: envInt(1, 1_000_000).default(600),
  /** The counting window. 60 in production; tests shorten it to see a window reset. */
  API_RATE_LIMIT_WINDOW_SECONDS: envInt(1, 3600).default(60),
});

type RateLimitEnv = z.infer<typeof rateLimitEnvSchema>;

export class RateLimitConfig {
  constructor(
    /** Requests one tenant may make per window, unless the tenant has its own limit. */
    readonly defaultLimit: number,
    /** Fixed window, counted from the tenant's first request in it. */
    readonly windowSeconds: number,
  ) {}

  static fromEnv(env: RateLimitEnv): RateLimitConfig {
    return new RateLimitConfig(env.API_RATE_LIMIT_PER_MINUTE, env.API_RATE_LIMIT_WINDOW_SECONDS);
  }
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again (at least 1). */
  resetSeconds: number;
}

/**
 * Whole seconds (at least 1) until a Redis counter with PTTL `ttlMs` expires. Redis answers -1 for
 * a key without expiry and -2 for one that is gone; the window then counts as a whole one.
 */
export function secondsUntilReset(ttlMs: number, windowMs: number): number {
  return Math.max(1, Math.ceil((ttlMs >= 0 ? ttlMs : windowMs) / 1000));
}

/** The verdict on a request that was the `count`-th of its window, `ttlMs` before the window ends. */
export function rateLimitDecision(limit: number, count: number, ttlMs: number, windowMs: number): RateLimitDecision {
  const resetSeconds = secondsUntilReset(ttlMs, windowMs);
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds };
}

/** The IETF draft's RateLimit-* fields (draft-ietf-httpapi-ratelimit-headers), sent on every tenant response. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  };
}

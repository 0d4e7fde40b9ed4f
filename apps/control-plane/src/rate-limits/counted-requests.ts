import type { RateLimitDecision } from './rate-limit-decision';

const decisions = new WeakMap<object, RateLimitDecision>();

/**
 * Requests already counted against their tenant's limit while their session was checked (one
 * Redis round trip for both), so that TenantRateLimitGuard applies that decision instead of
 * counting the request a second time. Keyed by the request object: nothing outlives it.
 */
export const countedRequests = {
  remember(request: object, decision: RateLimitDecision): void {
    decisions.set(request, decision);
  },
  take(request: object): RateLimitDecision | undefined {
    const decision = decisions.get(request);
    decisions.delete(request);
    return decision;
  },
};

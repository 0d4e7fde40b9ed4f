import { describe, expect, it } from 'vitest';
import { rateLimitDecision, rateLimitHeaders, secondsUntilReset } from './rate-limit-decision';

describe('rateLimitDecision', () => {
  it('allows up to the limit and counts down what is left', () => {
    expect(rateLimitDecision(3, 1, 59_500, 60_000)).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 60 });
    expect(rateLimitDecision(3, 3, 1_200, 60_000)).toEqual({ allowed: true, limit: 3, remaining: 0, resetSeconds: 2 });
  });

  it('refuses past the limit without a negative remainder', () => {
    expect(rateLimitDecision(3, 7, 400, 60_000)).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 1 });
  });

  it('falls back to the whole window when the counter has no expiry', () => {
    expect(rateLimitDecision(3, 4, -1, 60_000).resetSeconds).toBe(60);
  });
});

describe('secondsUntilReset', () => {
  it('rounds the time left up to whole seconds, at least one', () => {
    expect(secondsUntilReset(59_001, 60_000)).toBe(60);
    expect(secondsUntilReset(1_000, 60_000)).toBe(1);
    expect(secondsUntilReset(1, 60_000)).toBe(1);
    expect(secondsUntilReset(0, 60_000)).toBe(1);
  });

  it("counts a whole window for Redis's no-expiry (-1) and no-key (-2) answers", () => {
    expect(secondsUntilReset(-1, 60_000)).toBe(60);
    expect(secondsUntilReset(-2, 30_000)).toBe(30);
  });
});

describe('rateLimitHeaders', () => {
  it('renders the draft RateLimit headers', () => {
    expect(rateLimitHeaders({ allowed: true, limit: 600, remaining: 599, resetSeconds: 42 })).toEqual({
      'RateLimit-Limit': '600',
      'RateLimit-Remaining': '599',
      'RateLimit-Reset': '42',
    });
  });
});

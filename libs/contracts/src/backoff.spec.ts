import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from './backoff';

describe('fullJitterDelay', () => {
  it('stays between zero and the exponential ceiling, capped', () => {
    expect(fullJitterDelay(1, 1000, 60_000, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, 1000, 60_000, () => 0.5)).toBe(2000);
    expect(fullJitterDelay(20, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(fullJitterDelay(4, 1000, 60_000, () => 0)).toBe(0);
    expect(fullJitterDelay(0, 1000, 60_000, () => 0.5)).toBe(500);
  });

  it('spreads delays over the whole range', () => {
    const delays = Array.from({ length: 2000 }, () => fullJitterDelay(4, 1000, 60_000));
    expect(Math.min(...delays)).toBeLessThan(400);
    expect(Math.max(...delays)).toBeGreaterThan(7600);
    expect(delays.every((d) => d >= 0 && d < 8000)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { FAILURE_CLASSES } from '@ade/contracts';
import { decideHealing, fullJitterDelay } from './healing-policy';

describe('decideHealing', () => {
  it.each([
    ['transient', 'run', 1, 3, 'retry', true],
    ['transient', 'run', 3, 3, 'give_up', false],
    ['unknown', 'run', 2, 3, 'retry', true],
    ['unknown', 'run', 3, 3, 'give_up', false],
    ['resource', 'run', 1, 3, 'retry_smaller_batch', true],
    ['resource', 'run', 3, 3, 'give_up', false],
    ['configuration', 'run', 1, 3, 'fail_fast', false],
    ['schema', 'run', 1, 3, 'fail_fast', false],
    ['data', 'run', 1, 3, 'fail_fast', false],
    ['data', 'file', 1, 3, 'quarantine_file', false],
    ['transient', 'file', 1, 3, 'retry', true],
  ] as const)('%s failure of a %s on attempt %i of %i: %s', (failureClass, scope, attempt, max, action, retry) => {
    expect(decideHealing(failureClass, scope, attempt, max)).toEqual({ action, retry });
  });

  it('never retries on the last attempt, whatever the class', () => {
    for (const failureClass of FAILURE_CLASSES) {
      expect(decideHealing(failureClass, 'run', 5, 5).retry).toBe(false);
    }
  });
});

describe('fullJitterDelay', () => {
  it('stays between zero and the exponential ceiling, capped', () => {
    expect(fullJitterDelay(1, 1000, 60_000, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, 1000, 60_000, () => 0.5)).toBe(2000);
    expect(fullJitterDelay(20, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(fullJitterDelay(4, 1000, 60_000, () => 0)).toBe(0);
  });

  it('spreads delays over the whole range', () => {
    const delays = Array.from({ length: 2000 }, () => fullJitterDelay(4, 1000, 60_000));
    expect(Math.min(...delays)).toBeLessThan(400);
    expect(Math.max(...delays)).toBeGreaterThan(7600);
    expect(delays.every((d) => d >= 0 && d < 8000)).toBe(true);
  });
});

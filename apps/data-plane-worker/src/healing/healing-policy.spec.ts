import { describe, expect, it } from 'vitest';
import { FAILURE_CLASSES } from '@ade/contracts';
import { decideHealing } from './healing-policy';

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

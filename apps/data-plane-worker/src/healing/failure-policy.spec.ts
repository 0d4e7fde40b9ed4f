import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { errorForQueue, previousFailureCode } from './failure-policy';

describe('errorForQueue', () => {
  const failure = { code: 'transient', message: 'temporary system error (ECONNRESET)' } as const;

  it('hands a failure the policy retries back as a plain error, prefixed with its code', () => {
    const error = errorForQueue(failure, true);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect(error.message).toBe('transient: temporary system error (ECONNRESET)');
  });

  it('makes a failure the policy will not retry unrecoverable, so BullMQ spends no attempt on it', () => {
    const error = errorForQueue(failure, false);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toBe('transient: temporary system error (ECONNRESET)');
  });
});

describe('previousFailureCode', () => {
  it('reads the code back from a failed reason errorForQueue wrote', () => {
    expect(previousFailureCode(errorForQueue({ code: 'catalog_unavailable', message: 'catalog locked: x' }, true).message)).toBe(
      'catalog_unavailable',
    );
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['Error: catalog_unavailable: locked', undefined],
    ['x: y', 'x'],
    ['resource_exhausted:', 'resource_exhausted'],
    ['Transient: no', undefined],
    ['no code here', undefined],
  ])('reads %j as %j', (reason, code) => {
    expect(previousFailureCode(reason)).toBe(code);
  });
});

import { describe, expect, it } from 'vitest';
import { LakehouseError } from '../errors';
import { withConflictRetry } from './conflict-retry';

describe('withConflictRetry', () => {
  it('retries a conflict and returns the later result', async () => {
    let calls = 0;
    const result = await withConflictRetry(3, async () => {
      calls++;
      if (calls < 3) throw new LakehouseError('conflict', 'lost');
      return 'ok';
    }, 1);
    expect([result, calls]).toEqual(['ok', 3]);
  });

  it('gives up after the allowed attempts', async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw new LakehouseError('conflict', 'lost');
    };
    await expect(withConflictRetry(2, attempt, 1)).rejects.toMatchObject({ kind: 'conflict' });
    expect(calls).toBe(2);
  });

  it('does not retry other failures', async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw new LakehouseError('source_unreadable', 'bad');
    };
    await expect(withConflictRetry(3, attempt, 1)).rejects.toMatchObject({ kind: 'source_unreadable' });
    expect(calls).toBe(1);
  });

  it('does not repeat a conflict that the same call cannot get past (a column plan made from an older schema)', async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw new LakehouseError('conflict', 'plan again', { retryable: false });
    };
    await expect(withConflictRetry(3, attempt, 1)).rejects.toMatchObject({ kind: 'conflict', retryable: false });
    expect(calls).toBe(1);
  });
});

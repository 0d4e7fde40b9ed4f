import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyed-lock';

describe('KeyedLock', () => {
  it('runs work for one key one at a time, in call order, even when some fails', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const job = (name: string, fail = false) =>
      lock.run('t1/claims', async () => {
        events.push(`start ${name}`);
        await sleep(5);
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
      });

    const results = await Promise.allSettled([job('a', true), job('b'), job('c')]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets different keys run together', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const job = (key: string) =>
      lock.run(key, async () => {
        events.push(`start ${key}`);
        await sleep(5);
        events.push(`end ${key}`);
      });

    await Promise.all([job('x'), job('y')]);

    expect(events.slice(0, 2)).toEqual(['start x', 'start y']);
  });
});

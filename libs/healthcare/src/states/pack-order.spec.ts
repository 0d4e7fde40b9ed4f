import { afterEach, describe, expect, it, vi } from 'vitest';
import { availableStatePacks } from './load-state-pack';

/** The folder listing handed to the loader; the real one comes in whatever order the file system keeps. */
const listing = vi.hoisted(() => ({ names: undefined as string[] | undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdirSync = ((...args: Parameters<typeof fs.readdirSync>) => listing.names ?? fs.readdirSync(...args)) as typeof fs.readdirSync;
  return { ...fs, readdirSync, default: { ...fs, readdirSync } };
});

const permutations = <T>(items: readonly T[]): T[][] =>
  items.length <= 1 ? [[...items]] : items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));

describe('availableStatePacks ordering', () => {
  afterEach(() => {
    listing.names = undefined;
  });

  it.each(permutations(['default', 'AK', 'CA', 'TX']).map((order) => [order.join(' '), order]))(
    'puts default first, then the states in order, whatever the listing order (%s)',
    (_label, order) => {
      listing.names = (order as string[]).map((id) => `${id}.json`);
      expect(availableStatePacks('/listing')).toEqual(['default', 'AK', 'CA', 'TX']);
    },
  );

  it('sorts the states alone when there is no default pack', () => {
    listing.names = ['WY.json', 'AL.json', 'NY.json'];
    expect(availableStatePacks('/listing')).toEqual(['AL', 'NY', 'WY']);
  });
});

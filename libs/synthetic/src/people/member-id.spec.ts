import { DEFAULT_STATE_PACK, availableStatePacks, loadStatePack, loadStateCodes } from '@ade/healthcare';
import { describe, expect, it } from 'vitest';
import { formatMemberId } from './member-id';

const SERIALS = [0, 1, 9, 99_999, 100_000, 123_456_789, 999_999_999];
const shippedStates = availableStatePacks().filter((id) => id !== DEFAULT_STATE_PACK);
const defaultPattern = new RegExp(loadStatePack().medicaidMemberIdPattern);

describe('formatMemberId', () => {
  it('ships packs for at least NY, CA, TX, FL, OH and PA', () => {
    expect(shippedStates).toEqual(expect.arrayContaining(['NY', 'CA', 'TX', 'FL', 'OH', 'PA']));
  });

  it.each(shippedStates)("matches the %s pack's member id pattern", (state) => {
    const pattern = new RegExp(loadStatePack(state).medicaidMemberIdPattern);
    for (const serial of SERIALS) expect(formatMemberId(state, serial)).toMatch(pattern);
  });

  it('matches the default pack for every state, with or without a pack of its own', () => {
    for (const state of loadStateCodes().keys()) {
      for (const serial of SERIALS) expect(formatMemberId(state, serial)).toMatch(defaultPattern);
    }
  });

  it('keeps the state code and nine digits for states without a pack', () => {
    expect(formatMemberId('WY', 42)).toBe('WY000000042');
  });

  it('never gives two serials the same id', () => {
    for (const state of [...shippedStates, 'WY']) {
      const ids = new Set(Array.from({ length: 5000 }, (_, index) => formatMemberId(state, index * 199_999)));
      expect(ids.size).toBe(5000);
    }
  });
});

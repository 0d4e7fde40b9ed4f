import { describe, expect, it } from 'vitest';
import { Random, deriveSeed } from './random';

function draws(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.next());
}

describe('Random', () => {
  it('repeats for the same seed and differs for another', () => {
    expect(draws(new Random(42), 20)).toEqual(draws(new Random(42), 20));
    expect(draws(new Random(42), 20)).not.toEqual(draws(new Random(43), 20));
  });

  it('stays within its ranges', () => {
    const random = new Random(7);
    for (let i = 0; i < 10_000; i += 1) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      const int = random.int(3, 5);
      expect([3, 4, 5]).toContain(int);
      const price = random.logUniformInt(500, 150_000);
      expect(price).toBeGreaterThanOrEqual(500);
      expect(price).toBeLessThanOrEqual(150_000);
    }
  });

  it('is roughly uniform', () => {
    const random = new Random(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i += 1) counts[random.int(0, 3)]! += 1;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('handles seeds beyond 32 bits and negative seeds distinctly', () => {
    const seeds = [0, 1, -1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER];
    const firstDraws = new Set(seeds.map((seed) => new Random(seed).next()));
    expect(firstDraws.size).toBe(seeds.length);
  });

  it('refuses to pick from nothing', () => {
    expect(() => new Random(1).pick([])).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('gives distinct, stable streams per key', () => {
    expect(deriveSeed(9, 1, 2)).toBe(deriveSeed(9, 1, 2));
    expect(new Set([deriveSeed(9, 1), deriveSeed(9, 2), deriveSeed(10, 1), deriveSeed(9, 1, 0)]).size).toBe(4);
  });
});

/**
 * Seeded pseudo-random numbers, so the same seed always yields the same data (Math.random cannot
 * be seeded). sfc32 is fast, passes PractRand, and its 128-bit state is filled from the seed by
 * splitmix32 so that nearby seeds (1, 2, 3) still start far apart.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const expand = splitmix32(seed);
    this.a = expand();
    this.b = expand();
    this.c = expand();
    this.d = expand();
    // The first outputs of sfc32 still echo the seed; discard them.
    for (let i = 0; i < 12; i += 1) this.nextUint32();
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Log-uniform in [min, max]: prices spread over orders of magnitude, most of them small. */
  logUniformInt(min: number, max: number): number {
    return Math.round(Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min))));
  }

  private nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
}

/**
 * A 32-bit seed for an independent stream (e.g. one member, or the defect schedule) derived from
 * the run's seed and the stream's keys, so that streams do not shift when another one draws more.
 */
export function deriveSeed(seed: number, ...keys: number[]): number {
  let hash = mix32(lowBits(seed) ^ 0x9e3779b9);
  hash = mix32(hash ^ highBits(seed));
  for (const key of keys) hash = mix32(hash ^ lowBits(key)) ^ highBits(key);
  return hash >>> 0;
}

function splitmix32(seed: number): () => number {
  let state = deriveSeed(seed);
  return () => {
    state = (state + 0x9e3779b9) | 0;
    return mix32(state) >>> 0;
  };
}

/** The murmur3 finaliser: every input bit affects every output bit. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function lowBits(value: number): number {
  return value >>> 0;
}

function highBits(value: number): number {
  return Math.floor(value / 4_294_967_296) >>> 0;
}

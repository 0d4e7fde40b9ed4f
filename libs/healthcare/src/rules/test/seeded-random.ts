/** A small deterministic PRNG (mulberry32) so generated test inputs are the same on every run. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `length` characters drawn from `alphabet` (split by code point, so astral characters stay whole). */
  string(alphabet: string, length: number): string {
    const chars = [...alphabet];
    let text = '';
    for (let index = 0; index < length; index += 1) text += this.pick(chars);
    return text;
  }

  digits(length: number): string {
    return this.string('0123456789', length);
  }
}

import type { Random } from '../random/random';

/**
 * The last few defect-free CSV lines, as written, so a `duplicate_line` defect can repeat one byte
 * for byte. Only clean lines qualify: a copy of a defective line would carry two defects.
 * A small ring keeps memory flat and makes copies land near their original, as resubmissions do.
 */
export class RecentCleanLines {
  private readonly lines: string[] = [];
  private next = 0;

  constructor(private readonly capacity = 64) {}

  add(line: string): void {
    if (this.lines.length < this.capacity) this.lines.push(line);
    else this.lines[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
  }

  /** A random remembered line, or undefined before the first clean line. */
  pick(random: Random): string | undefined {
    return this.lines.length === 0 ? undefined : random.pick(this.lines);
  }
}

/** A node-x12 range start: 0-based line and character. */
export interface TextPosition {
  line: number;
  character: number;
}

/**
 * Turns node-x12's line/character ranges into 1-based segment indexes (ISA = 1), the unit every
 * X12 acknowledgement and trading partner speaks. node-x12 counts a line at each '\n' between
 * segments (or at the terminator when the terminator is '\n'), so one pass over the text gives the
 * line starts and the terminator offsets; a segment's index is one plus the terminators before it.
 */
export class SegmentPositions {
  private readonly lineStarts: number[] = [0];
  private readonly terminators: number[] = [];

  constructor(text: string, terminator: string) {
    for (let offset = 0; offset < text.length; offset += 1) {
      const char = text.charAt(offset);
      if (char === terminator) this.terminators.push(offset);
      if (char === '\n') this.lineStarts.push(offset + 1);
    }
  }

  positionOf(at: TextPosition | undefined): number {
    if (at === undefined) return 1;
    const lineStart = this.lineStarts[Math.min(at.line, this.lineStarts.length - 1)] ?? 0;
    return 1 + countBelow(this.terminators, lineStart + at.character);
  }
}

/** How many of the ascending `values` are below `limit` (binary search: interchanges run to MBs). */
function countBelow(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

import type { Random } from '../random/random';
import type { DefectKind } from './defect-kinds';

/**
 * Decides, row by row, which rows carry a defect and which kind, without knowing the rows.
 * Exactly round(rows × rate) rows are chosen, uniformly at random, by selection sampling (Knuth's
 * algorithm S: take the next row with probability still-needed / rows-left), which needs no memory.
 * Kinds are dealt from a shuffled deck holding each enabled kind once, refilled when empty, so the
 * kinds' counts differ by at most one while their order stays unpredictable.
 */
export class DefectSchedule {
  private rowsLeft: number;
  private defectsLeft: number;
  private deck: DefectKind[] = [];

  constructor(
    rows: number,
    rate: number,
    private readonly kinds: readonly DefectKind[],
    private readonly random: Random,
  ) {
    this.rowsLeft = rows;
    this.defectsLeft = kinds.length === 0 ? 0 : Math.round(rows * rate);
  }

  /** The defect for the next row, or null for a clean row. Call once per row. */
  next(): DefectKind | null {
    if (this.rowsLeft <= 0) throw new RangeError('DefectSchedule asked for more rows than planned');
    const take = this.defectsLeft > 0 && this.random.next() * this.rowsLeft < this.defectsLeft;
    this.rowsLeft -= 1;
    if (!take) return null;
    this.defectsLeft -= 1;
    if (this.deck.length === 0) this.deck = this.shuffled(this.kinds);
    return this.deck.pop()!;
  }

  private shuffled(kinds: readonly DefectKind[]): DefectKind[] {
    const deck = [...kinds];
    for (let index = deck.length - 1; index > 0; index -= 1) {
      const other = this.random.int(0, index);
      [deck[index], deck[other]] = [deck[other]!, deck[index]!];
    }
    return deck;
  }
}

import type { DefectKind } from './defect-kinds';

type NonDuplicateKind = Exclude<DefectKind, 'duplicate_line'>;

/**
 * What a row scheduled as `duplicate_line` carries when no clean line exists yet to copy (the very
 * first rows, or any run at a 100% defect rate): the other enabled kinds in turn, or nothing when
 * duplicates are the only kind enabled. The manifest records what was actually planted.
 */
export class DuplicateSubstitute {
  private readonly others: readonly NonDuplicateKind[];
  private turn = 0;

  constructor(kinds: readonly DefectKind[]) {
    this.others = kinds.filter((kind): kind is NonDuplicateKind => kind !== 'duplicate_line');
  }

  next(): NonDuplicateKind | null {
    if (this.others.length === 0) return null;
    const kind = this.others[this.turn % this.others.length]!;
    this.turn += 1;
    return kind;
  }
}

import type { ClaimLineFields } from '../claims/professional-claim-columns';
import type { Random } from '../random/random';
import { plantRepairable, type PlantedRepairable } from './plant-repairable';

/**
 * Decides, clean row by clean row, whether the row carries a repairable variant (probability
 * `rate` each), with a random stream of its own: the rows' content and the defect schedule draw
 * exactly as they would without variants, so a run with variants is the run without them plus
 * the varied cells. A rate of 0 draws nothing at all.
 */
export class RepairableVariants {
  constructor(
    private readonly rate: number,
    private readonly random: Random,
  ) {}

  /** Varies one field of a clean line in place, or leaves it alone (undefined). */
  next(fields: ClaimLineFields): PlantedRepairable | undefined {
    if (this.rate <= 0 || !this.random.chance(this.rate)) return undefined;
    return plantRepairable(fields, this.random);
  }
}

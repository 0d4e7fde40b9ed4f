import type { Random } from '../random/random';

const EVALUATION_AND_MANAGEMENT = [99202, 99499] as const;
const CATEGORY_I = [10004, 99199] as const;

/**
 * A CPT Category I-shaped number: five digits, never a real description. CPT is AMA copyright, so
 * no CPT list is shipped and whether a given number is an assigned CPT code is unknown here.
 * Numbers lean towards the evaluation-and-management range, as office visits dominate
 * professional claims.
 */
export function drawCptShapedCode(random: Random): string {
  const [low, high] = random.chance(0.45) ? EVALUATION_AND_MANAGEMENT : CATEGORY_I;
  return String(random.int(low, high)).padStart(5, '0');
}

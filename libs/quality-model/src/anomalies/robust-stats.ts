/**
 * Median-based statistics for anomaly scores. The median and the median absolute deviation (MAD)
 * are not dragged along by the outliers they are meant to find, unlike the mean and standard
 * deviation (Iglewicz and Hoaglin, "How to Detect and Handle Outliers", 1993).
 */

/** MAD × 1.4826 estimates the standard deviation of normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median absolute deviation from the median (unscaled). */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const center = median(values);
  return median(values.map((value) => Math.abs(value - center)));
}

export interface RobustBaseline {
  median: number;
  /** The unscaled MAD of the history. */
  mad: number;
  /** How many values the baseline was computed from. */
  runs: number;
}

export function robustBaseline(values: readonly number[]): RobustBaseline {
  return { median: median(values), mad: medianAbsoluteDeviation(values), runs: values.length };
}

/**
 * (value − median) / max(1.4826 × MAD, floor): the modified z-score, with a floor on its scale so
 * that a perfectly stable history (MAD 0) does not make the smallest change infinitely unusual.
 * The floor must be positive.
 */
export function robustZ(value: number, baseline: RobustBaseline, floor: number): number {
  const scale = Math.max(MAD_TO_SIGMA * baseline.mad, floor);
  return (value - baseline.median) / scale;
}

import { describe, expect, it } from 'vitest';
import { median, medianAbsoluteDeviation, robustBaseline, robustZ } from './robust-stats';

describe('robust statistics', () => {
  it('takes the median of odd and even counts without reordering the input', () => {
    const values = [3, 1, 2];
    expect(median(values)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
    expect(median([1000, 1020, 980, 1010])).toBe(1005);
    expect(() => median([])).toThrow(RangeError);
  });

  it('takes the unscaled median absolute deviation', () => {
    // |x − 1005| = 5, 15, 25, 5 → median of 5, 5, 15, 25
    expect(medianAbsoluteDeviation([1000, 1020, 980, 1010])).toBe(10);
    expect(medianAbsoluteDeviation([7, 7, 7])).toBe(0);
  });

  it('scales the MAD by 1.4826 unless the floor is larger', () => {
    const baseline = robustBaseline([10, 20, 30, 40, 50]); // median 30, MAD 10
    expect(baseline).toEqual({ median: 30, mad: 10, runs: 5 });
    expect(robustZ(59.652, baseline, 1)).toBeCloseTo(2, 10); // 29.652 / 14.826
    expect(robustZ(0, baseline, 20)).toBe(-1.5); // floor 20 > 14.826
    expect(robustZ(8, robustBaseline([7, 7, 7]), 0.5)).toBe(2); // MAD 0: the floor alone
  });
});

import { describe, expect, it } from 'vitest';
import { runValidateBench } from './bench-validate';

// Keeps the benchmark runnable; the figures themselves come from `npm run bench:validate`.
describe('bench/validate', () => {
  it('measures both paths on the same file and finds every planted defect', async () => {
    const result = await runValidateBench(2_000, 1);
    const planted = Object.values(result.plantedDefects).reduce((a, b) => a + b, 0);
    expect(result.invalidRows).toBe(planted);
    expect(result.bareReadMs).toBeGreaterThan(0);
    expect(result.ratioReadAndChecksToBare).toBeGreaterThan(0);
  });
});

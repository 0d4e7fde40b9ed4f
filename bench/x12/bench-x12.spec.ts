import { describe, expect, it } from 'vitest';
import { measureX12 } from './bench-x12';

// Keeps the benchmark runnable on the built dist; the figures themselves come from `npm run bench:x12`.
describe('bench/x12', () => {
  it('stages a generated batch with every claim and line, and measures both processes', async () => {
    const result = await measureX12(200, 1);
    expect(result).toMatchObject({ transactionSets: 200, claims: 400, lines: 600 });
    expect(result.readLinesMs).toBeGreaterThan(0);
    expect(result.stagePeakRssMiB).toBeGreaterThan(0);
  });
});

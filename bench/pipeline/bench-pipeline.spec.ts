import { describe, expect, it } from 'vitest';
import { runPipelineBench } from './bench-pipeline';

// Keeps the benchmark runnable; the figures themselves come from `npm run bench:pipeline`.
describe('bench/pipeline', () => {
  it('loads the same file bare and through bronze, silver, quarantine and gold, and quarantines every planted defect', async () => {
    const result = await runPipelineBench(2_000, 1, { warmup: false });
    const planted = Object.values(result.plantedDefects).reduce((a, b) => a + b, 0);
    expect(planted).toBeGreaterThan(0);
    expect(result.rowCounts.input).toBe(2_000);
    expect(result.rowCounts.tables.bronze).toBe(2_000);
    expect(result.rowCounts.silver + result.rowCounts.quarantined).toBe(2_000);
    expect(result.rowCounts.tables.silver + result.rowCounts.tables.quarantine).toBe(2_000);
    expect(result.rowCounts.quarantined).toBe(planted);
    expect(result.rowCounts.repaired).toBeGreaterThan(0);
    expect(result.expectations).toBeGreaterThan(0);
    expect(result.bareLoadMs).toBeGreaterThan(0);
    expect(result.ratioTotalToBare).toBeGreaterThan(0);
    expect(result.ratioQualityToBare).toBeGreaterThan(0);
    expect(result.peakRssMiB.medallion).toBeGreaterThan(0);
    expect(result.qualityBreakdownMs.judge).toBeGreaterThan(0);
    expect(result.qualityBreakdownMs.gold).toBeGreaterThan(0);
  });
});

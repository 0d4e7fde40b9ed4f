import { describe, expect, it } from 'vitest';
import { measureIntake } from './bench-intake';

// Keeps the benchmark runnable on the built dist; the figures themselves come from `npm run bench:intake`.
describe('bench/intake', () => {
  it.each(['s3', 'sftp'] as const)('takes a generated file from a local %s server whole, and measures both processes', async (source) => {
    const result = await measureIntake(2, 1, source);
    expect(result).toMatchObject({ source, sizeMiB: 2 });
    expect(result.bytes).toBeGreaterThanOrEqual(2 * 2 ** 20);
    expect(result.copyMs).toBeGreaterThan(0);
    expect(result.intakePeakRssMiB).toBeGreaterThan(0);
    expect(result.intoBronzeMs).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_PARTS, MAX_UPLOAD_BYTES, partPlan } from './part-plan';

const MIB = 2 ** 20;

describe('partPlan', () => {
  it('cuts a file into parts of the configured size, the last one shorter', () => {
    expect(partPlan(12 * MIB, 5 * MIB)).toEqual({ partSize: 5 * MIB, count: 3 });
    expect(partPlan(10 * MIB, 5 * MIB)).toEqual({ partSize: 5 * MIB, count: 2 });
    expect(partPlan(10 * MIB + 1, 5 * MIB)).toEqual({ partSize: 5 * MIB, count: 3 });
    expect(partPlan(1, 64 * MIB)).toEqual({ partSize: 64 * MIB, count: 1 });
  });

  it('grows the parts, in whole MiB, so that no file takes more than 10,000', () => {
    const plan = partPlan(MAX_UPLOAD_BYTES, 64 * MIB);
    expect(plan.partSize % MIB).toBe(0);
    expect(plan.count).toBeLessThanOrEqual(MAX_PARTS);
    expect(plan.partSize * plan.count).toBeGreaterThanOrEqual(MAX_UPLOAD_BYTES);
    expect(partPlan(MAX_PARTS * 64 * MIB + 1, 64 * MIB)).toEqual({ partSize: 65 * MIB, count: Math.ceil((MAX_PARTS * 64 * MIB + 1) / (65 * MIB)) });
  });
});

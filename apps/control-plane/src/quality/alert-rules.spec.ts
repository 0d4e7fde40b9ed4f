import { describe, expect, it } from 'vitest';
import { alertDedupeKey, alertsFor } from './alert-rules';

describe('alertsFor', () => {
  it('raises nothing without thresholds', () => {
    expect(alertsFor(0.1, [{ score: 40 }], null)).toEqual([]);
    expect(alertsFor(0.1, [{ score: 40 }], { minQuality: null, maxAnomaly: null })).toEqual([]);
  });

  it('raises a quality alert only below the minimum', () => {
    expect(alertsFor(0.85, [], { minQuality: 0.9, maxAnomaly: null })).toEqual([
      { kind: 'quality_below_threshold', detail: { overall: 0.85, minQuality: 0.9 } },
    ]);
    expect(alertsFor(0.9, [], { minQuality: 0.9, maxAnomaly: null })).toEqual([]);
  });

  it('raises one anomaly alert for the anomalies above the maximum', () => {
    expect(alertsFor(1, [{ score: 39.7 }, { score: 4 }, { score: 12 }], { minQuality: 0.5, maxAnomaly: 10 })).toEqual([
      { kind: 'anomaly_above_threshold', detail: { maxScore: 39.7, maxAnomaly: 10, anomalies: 2 } },
    ]);
    expect(alertsFor(1, [{ score: 10 }], { minQuality: null, maxAnomaly: 10 })).toEqual([]);
  });

  it('keys alerts by tenant, table, run and kind', () => {
    expect(alertDedupeKey('t', 'c.silver.x', 'r', 'quality_below_threshold')).toBe('t:c.silver.x:r:quality_below_threshold');
  });
});

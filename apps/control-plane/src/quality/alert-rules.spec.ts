import { describe, expect, it } from 'vitest';
import { alertDedupeKey, alertsFor, DEFAULT_THRESHOLDS } from './alert-rules';

describe('alertsFor', () => {
  it('raises nothing without thresholds', () => {
    expect(alertsFor(0.1, [{ score: 40 }], null)).toEqual([]);
    expect(alertsFor(0.1, [{ score: 40 }], { minQuality: null, maxAnomaly: null, maxDrop: null })).toEqual([]);
  });

  it('raises a quality alert only below the minimum', () => {
    expect(alertsFor(0.85, [], { minQuality: 0.9, maxAnomaly: null, maxDrop: null })).toEqual([
      { kind: 'quality_below_threshold', detail: { overall: 0.85, minQuality: 0.9 } },
    ]);
    expect(alertsFor(0.9, [], { minQuality: 0.9, maxAnomaly: null, maxDrop: null })).toEqual([]);
  });

  it('raises one anomaly alert for the anomalies above the maximum', () => {
    expect(alertsFor(1, [{ score: 39.7 }, { score: 4 }, { score: 12 }], { minQuality: 0.5, maxAnomaly: 10, maxDrop: null })).toEqual([
      { kind: 'anomaly_above_threshold', detail: { maxScore: 39.7, maxAnomaly: 10, anomalies: 2 } },
    ]);
    expect(alertsFor(1, [{ score: 10 }], { minQuality: null, maxAnomaly: 10, maxDrop: null })).toEqual([]);
  });

  it('raises a drop alert when the score fell by more than the maximum since the previous run, never on a first run', () => {
    const thresholds = { minQuality: null, maxAnomaly: null, maxDrop: 0.2 };
    expect(alertsFor(0.7, [], thresholds, 0.95)).toEqual([{ kind: 'quality_dropped', detail: { overall: 0.7, previousOverall: 0.95, drop: 0.95 - 0.7, maxDrop: 0.2 } }]);
    expect(alertsFor(0.75, [], thresholds, 0.95)).toEqual([]);
    expect(alertsFor(0.8, [], thresholds, 0.95)).toEqual([]);
    expect(alertsFor(0.1, [], thresholds, null)).toEqual([]);
    expect(alertsFor(0.95, [], thresholds, 0.1)).toEqual([]);
  });

  it('alerts by default on a collapse, as from 0.95 to 0, and on a score under 0.5', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ minQuality: 0.5, maxAnomaly: null, maxDrop: 0.2 });
    expect(alertsFor(0, [{ score: 40 }], DEFAULT_THRESHOLDS, 0.95).map((alert) => alert.kind)).toEqual(['quality_below_threshold', 'quality_dropped']);
    expect(alertsFor(0.45, [], DEFAULT_THRESHOLDS, null).map((alert) => alert.kind)).toEqual(['quality_below_threshold']);
    expect(alertsFor(0.9, [], DEFAULT_THRESHOLDS, 0.95)).toEqual([]);
  });

  it('keys alerts by tenant, table, run and kind', () => {
    expect(alertDedupeKey('t', 'c.silver.x', 'r', 'quality_below_threshold')).toBe('t:c.silver.x:r:quality_below_threshold');
  });
});

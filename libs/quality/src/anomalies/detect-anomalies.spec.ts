import { describe, expect, it } from 'vitest';
import { detectAnomalies, type RunMetrics } from './detect-anomalies';

function run(rows: number, paid: { mean: number; median: number }, memberNullRate: number, newProviders: number): RunMetrics {
  return {
    rows: { input: rows },
    profile: {
      nullRates: { member_id: memberNullRate, paid_amount: 0 },
      amounts: { paid_amount: { count: rows, ...paid } },
      providers: { distinct: 200, new: newProviders },
    },
  };
}

// Four similar runs (±2%), newest first. Baselines:
// rows 1005 (MAD 10 → scale floor 5% = 50.25); mean paid 100.5 (MAD 1 → floor 5.025);
// median paid 80 (MAD 0.5 → floor 4); member_id null rate 0.01 (MAD 0.001 → floor 0.02);
// new-provider share 0.01 (MAD 0.0025 → floor 0.02).
const HISTORY = [
  run(1000, { mean: 100, median: 80 }, 0.01, 2),
  run(1020, { mean: 102, median: 81 }, 0.012, 3),
  run(980, { mean: 98, median: 79 }, 0.008, 1),
  run(1010, { mean: 101, median: 80 }, 0.01, 2),
];

const scores = (current: RunMetrics) =>
  Object.fromEntries(detectAnomalies(current, HISTORY).checks.map((c) => [`${c.kind}:${c.column ?? ''}`, [c.metric, c.score, c.flagged]]));

describe('detectAnomalies', () => {
  it('flags nothing in a run within normal variation, and shows every check with its score', () => {
    const result = detectAnomalies(run(1030, { mean: 99, median: 81 }, 0.011, 2), HISTORY);
    expect(result.anomalies).toEqual([]);
    expect(result.note).toBeNull();
    expect(result.historyRuns).toBe(4);
    expect(scores(run(1030, { mean: 99, median: 81 }, 0.011, 2))).toEqual({
      'volume:': ['rows', 0.4975, false], // 25 / 50.25
      'amount_shift:paid_amount': ['mean', 0.2985, false], // 1.5 / 5.025 beats the median's 1 / 4
      'null_rate:member_id': ['null_rate', 0.05, false], // 0.001 / 0.02
      'null_rate:paid_amount': ['null_rate', 0, false],
      'new_providers:': ['new_share', 0, false],
    });
  });

  it('flags three times the usual volume', () => {
    const { anomalies } = detectAnomalies(run(3000, { mean: 100, median: 80 }, 0.01, 2), HISTORY);
    expect(anomalies).toEqual([
      {
        kind: 'volume',
        column: null,
        metric: 'rows',
        score: 39.7015, // (3000 − 1005) / 50.25
        value: 3000,
        baseline: { median: 1005, mad: 10, runs: 4 },
        flagged: true,
        message: 'input rows is 3000, above the median 1005 of the previous 4 runs (robust z 39.7)',
      },
    ]);
  });

  it('flags a doubled mean paid amount, even when the median stays', () => {
    const { anomalies } = detectAnomalies(run(1000, { mean: 200, median: 80 }, 0.01, 2), HISTORY);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({
      kind: 'amount_shift',
      column: 'paid_amount',
      metric: 'mean',
      score: 19.801, // (200 − 100.5) / 5.025
      value: 200,
      baseline: { median: 100.5, mad: 1, runs: 4 },
    });
    expect(anomalies[0]!.message).toBe('mean of paid_amount is 200, above the median 100.5 of the previous 4 runs (robust z 19.8)');
  });

  it('scores both drops and rises of volume and amounts', () => {
    const { anomalies } = detectAnomalies(run(300, { mean: 100, median: 40 }, 0.01, 2), HISTORY);
    expect(anomalies.map((a) => [a.kind, a.metric, a.score])).toEqual([
      ['volume', 'rows', 14.0299], // |300 − 1005| / 50.25
      ['amount_shift', 'median', 10], // |40 − 80| / 4
    ]);
    expect(anomalies[0]!.message).toContain('below the median 1005');
  });

  it('treats a 20% change over a perfectly stable history as unusual, through the 5% floor', () => {
    const stable = [run(1000, { mean: 100, median: 80 }, 0, 2), run(1000, { mean: 100, median: 80 }, 0, 2), run(1000, { mean: 100, median: 80 }, 0, 2)];
    const volume = (rows: number) => detectAnomalies(run(rows, { mean: 100, median: 80 }, 0, 2), stable).checks[0]!;
    expect(volume(1200)).toMatchObject({ score: 4, flagged: true }); // 200 / (5% of 1000)
    expect(volume(1040)).toMatchObject({ score: 0.8, flagged: false });
  });

  it('flags a jump in a null rate but not a drop', () => {
    const jump = detectAnomalies(run(1000, { mean: 100, median: 80 }, 0.2, 2), HISTORY);
    expect(jump.anomalies.map((a) => [a.kind, a.column, a.score, a.value])).toEqual([['null_rate', 'member_id', 9.5, 0.2]]); // 0.19 / 0.02
    expect(jump.anomalies[0]!.message).toBe('null rate of member_id is 20%, above the median 1% of the previous 4 runs (robust z 9.5)');
    expect(detectAnomalies(run(1000, { mean: 100, median: 80 }, 0, 2), HISTORY).anomalies).toEqual([]);
  });

  it('flags an unusual share of new providers', () => {
    const { anomalies } = detectAnomalies(run(1000, { mean: 100, median: 80 }, 0.01, 40), HISTORY);
    expect(anomalies.map((a) => [a.kind, a.column, a.score, a.value])).toEqual([['new_providers', null, 9.5, 0.2]]); // (0.2 − 0.01) / 0.02
  });

  it('lists several anomalies highest score first', () => {
    const { anomalies } = detectAnomalies(run(3000, { mean: 200, median: 160 }, 0.2, 2), HISTORY);
    expect(anomalies.map((a) => [a.kind, a.score])).toEqual([
      ['volume', 39.7015],
      ['amount_shift', 20], // mean and median both at 20; the mean is kept
      ['null_rate', 9.5],
    ]);
  });

  it('judges nothing with fewer than three previous runs, and says why', () => {
    expect(detectAnomalies(run(3000, { mean: 200, median: 160 }, 0.5, 100), HISTORY.slice(0, 2))).toEqual({
      anomalies: [],
      checks: [],
      historyRuns: 2,
      note: 'insufficient history: 2 previous runs of this table, at least 3 needed for a baseline',
    });
    expect(detectAnomalies(run(1, { mean: 1, median: 1 }, 0, 0), []).note).toBe(
      'insufficient history: 0 previous runs of this table, at least 3 needed for a baseline',
    );
  });

  it('skips a column fewer than three previous runs measured, and empty amount columns', () => {
    const withNew = (r: RunMetrics, allowed: boolean): RunMetrics => ({
      ...r,
      profile: {
        ...r.profile,
        amounts: { ...r.profile.amounts, ...(allowed ? { allowed_amount: { count: 10, mean: 5, median: 5 } } : {}) },
        nullRates: { ...r.profile.nullRates, ...(allowed ? { allowed_amount: 0 } : {}) },
      },
    });
    const history = [withNew(HISTORY[0]!, true), withNew(HISTORY[1]!, true), HISTORY[2]!, HISTORY[3]!];
    const current = withNew(run(1000, { mean: 100, median: 80 }, 0.01, 2), true);
    current.profile.amounts['allowed_amount'] = { count: 10, mean: 500, median: 500 };
    current.profile.nullRates['allowed_amount'] = 1;
    const checked = detectAnomalies(current, history).checks.map((c) => `${c.kind}:${c.column}`);
    expect(checked).not.toContain('amount_shift:allowed_amount');
    expect(checked).not.toContain('null_rate:allowed_amount');

    const empty = run(0, { mean: 100, median: 80 }, 0, 0);
    empty.profile.amounts['paid_amount'] = { count: 0, mean: null, median: null };
    expect(detectAnomalies(empty, HISTORY).checks.map((c) => c.kind)).toEqual(['volume', 'null_rate', 'null_rate', 'new_providers']);
  });

  it('uses at most the 20 newest previous runs', () => {
    const old = Array.from({ length: 30 }, (_, i) => run(i < 20 ? 1000 : 5000, { mean: 100, median: 80 }, 0, 2));
    const result = detectAnomalies(run(1000, { mean: 100, median: 80 }, 0, 2), old);
    expect(result.historyRuns).toBe(20);
    expect(result.checks[0]).toMatchObject({ kind: 'volume', score: 0, baseline: { median: 1000, runs: 20 } });
  });
});

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

describe('detectAnomalies at its boundaries', () => {
  // Three identical runs: every MAD is 0, so each scale is its floor and scores are exact:
  // rows 1000 (floor 50), mean paid 100 (floor 5), median paid 80 (floor 4), null rates 0 (floor 0.02).
  const STABLE = [0, 1, 2].map(() => run(1000, { mean: 100, median: 80 }, 0, 0));
  const check = (current: RunMetrics, kind: string, history: readonly RunMetrics[] = STABLE, options = {}) =>
    detectAnomalies(current, history, options).checks.find((c) => `${c.kind}:${c.column ?? ''}` === kind)!;

  it('flags a score exactly at the threshold (3.5), and not one just below it', () => {
    expect(check(run(1175, { mean: 100, median: 80 }, 0, 0), 'volume:')).toMatchObject({ score: 3.5, flagged: true }); // 175 / 50
    expect(check(run(1174, { mean: 100, median: 80 }, 0, 0), 'volume:')).toMatchObject({ score: 3.48, flagged: false });

    const at = detectAnomalies(run(1000, { mean: 117.5, median: 80 }, 0, 0), STABLE); // 17.5 / 5
    expect(at.anomalies.map((a) => [a.kind, a.metric, a.score])).toEqual([['amount_shift', 'mean', 3.5]]);
    const below = detectAnomalies(run(1000, { mean: 117.4995, median: 80 }, 0, 0), STABLE);
    expect(below.checks.find((c) => c.kind === 'amount_shift')).toMatchObject({ score: 3.4999, flagged: false });
    expect(below.anomalies).toEqual([]);
  });

  it('flags a drop exactly at the threshold on two-sided checks', () => {
    expect(check(run(825, { mean: 100, median: 80 }, 0, 0), 'volume:')).toMatchObject({ score: 3.5, flagged: true });
    expect(check(run(1000, { mean: 82.5, median: 80 }, 0, 0), 'amount_shift:paid_amount')).toMatchObject({ metric: 'mean', score: 3.5, flagged: true });
    expect(check(run(1000, { mean: 100, median: 66 }, 0, 0), 'amount_shift:paid_amount')).toMatchObject({ metric: 'median', score: 3.5, flagged: true }); // 14 / 4
  });

  it('flags a rate exactly at the threshold on one-sided checks', () => {
    expect(check(run(1000, { mean: 100, median: 80 }, 0.07, 0), 'null_rate:member_id')).toMatchObject({ score: 3.5, flagged: true }); // 0.07 / 0.02
    expect(check(run(1000, { mean: 100, median: 80 }, 0.06998, 0), 'null_rate:member_id')).toMatchObject({ score: 3.499, flagged: false });
    expect(check(run(1000, { mean: 100, median: 80 }, 0, 14), 'new_providers:')).toMatchObject({ score: 3.5, flagged: true }); // 14 / 200 = 0.07
    expect(check(run(1000, { mean: 100, median: 80 }, 0, 13), 'new_providers:')).toMatchObject({ score: 3.25, flagged: false });
  });

  it('applies a configured threshold inclusively too', () => {
    const current = run(1100, { mean: 100, median: 80 }, 0, 0); // 100 / 50 = 2
    expect(check(current, 'volume:', STABLE, { threshold: 2 })).toMatchObject({ score: 2, flagged: true });
    expect(check(current, 'volume:', STABLE, { threshold: 2.0001 })).toMatchObject({ score: 2, flagged: false });
  });

  it('judges with exactly minHistory previous runs, and not with one fewer', () => {
    const spike = run(3000, { mean: 100, median: 80 }, 0, 0);
    const judged = detectAnomalies(spike, STABLE);
    expect(judged).toMatchObject({ historyRuns: 3, note: null });
    expect(judged.checks.map((c) => c.kind)).toEqual(['volume', 'amount_shift', 'null_rate', 'null_rate', 'new_providers']);
    expect(judged.anomalies.map((a) => a.kind)).toEqual(['volume']);
    expect(detectAnomalies(spike, STABLE.slice(0, 2))).toMatchObject({ anomalies: [], checks: [], historyRuns: 2 });

    const five = [...STABLE, ...STABLE.slice(0, 2)];
    expect(detectAnomalies(spike, five, { minHistory: 5 })).toMatchObject({ historyRuns: 5, note: null });
    expect(detectAnomalies(spike, five.slice(0, 4), { minHistory: 5 })).toMatchObject({
      checks: [],
      historyRuns: 4,
      note: 'insufficient history: 4 previous runs of this table, at least 5 needed for a baseline',
    });
    expect(detectAnomalies(spike, STABLE.slice(0, 1), { minHistory: 1 }).checks).toHaveLength(5);
    expect(detectAnomalies(spike, STABLE.slice(0, 1)).note).toBe('insufficient history: 1 previous run of this table, at least 3 needed for a baseline');
  });

  it('judges a column exactly minHistory previous runs measured, and not one fewer measured', () => {
    const withAllowed = (r: RunMetrics, mean: number): RunMetrics => ({
      ...r,
      profile: { ...r.profile, amounts: { ...r.profile.amounts, allowed_amount: { count: 10, mean, median: mean } } },
    });
    const current = withAllowed(run(1000, { mean: 100, median: 80 }, 0, 0), 500);
    const history = [withAllowed(STABLE[0]!, 5), withAllowed(STABLE[1]!, 5), withAllowed(STABLE[2]!, 5), STABLE[0]!];
    const measuredByThree = check(current, 'amount_shift:allowed_amount', history);
    expect(measuredByThree).toMatchObject({ baseline: { median: 5, mad: 0, runs: 3 }, flagged: true });

    const measuredByTwo = detectAnomalies(current, [history[0]!, history[1]!, STABLE[2]!, STABLE[0]!]).checks;
    expect(measuredByTwo.map((c) => `${c.kind}:${c.column ?? ''}`)).not.toContain('amount_shift:allowed_amount');
    expect(measuredByTwo).toHaveLength(5);
  });

  it('scales by 1.4826 × MAD where that exceeds the floor, and keeps the floors above their minimums', () => {
    const spread = [1000, 1200, 800, 1100, 900].map((rows) => run(rows, { mean: 100, median: 80 }, 0, 0)); // MAD 100 → scale 148.26
    expect(check(run(1519, { mean: 100, median: 80 }, 0, 0), 'volume:', spread)).toMatchObject({ score: 3.5006, flagged: true, baseline: { median: 1000, mad: 100 } });
    expect(check(run(1518, { mean: 100, median: 80 }, 0, 0), 'volume:', spread)).toMatchObject({ score: 3.4939, flagged: false });

    const tiny = [0, 1, 2].map(() => run(10, { mean: 0.1, median: 0.1 }, 0, 0)); // 5% floors 0.5 row and 0.005: minimums 1 row and 0.01 apply
    expect(check(run(14, { mean: 0.1, median: 0.1 }, 0, 0), 'volume:', tiny)).toMatchObject({ score: 4, flagged: true });
    expect(check(run(13, { mean: 0.1, median: 0.1 }, 0, 0), 'volume:', tiny)).toMatchObject({ score: 3, flagged: false });
    expect(check(run(10, { mean: 0.135, median: 0.1 }, 0, 0), 'amount_shift:paid_amount', tiny)).toMatchObject({ metric: 'mean', score: 3.5, flagged: true });
  });

  it('takes exactly maxHistory newest previous runs', () => {
    const history = [...STABLE, run(5000, { mean: 100, median: 80 }, 0, 0)];
    expect(check(run(1000, { mean: 100, median: 80 }, 0, 0), 'volume:', history, { maxHistory: 3 })).toMatchObject({ score: 0, baseline: { median: 1000, runs: 3 } });
    expect(check(run(1000, { mean: 100, median: 80 }, 0, 0), 'volume:', history, { maxHistory: 4 }).baseline).toMatchObject({ runs: 4 });
  });
});

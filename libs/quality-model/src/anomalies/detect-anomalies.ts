import { robustBaseline, robustZ, type RobustBaseline } from './robust-stats';

/**
 * What anomaly detection reads of one run's quality report (a QualityReport fits): aggregates
 * only, never a row.
 */
export interface RunMetrics {
  rows: { input: number };
  profile: {
    nullRates: Record<string, number>;
    amounts: Record<string, { count: number; mean: number | null; median: number | null }>;
    providers: { distinct: number; new: number };
  };
}

export const ANOMALY_KINDS = ['volume', 'amount_shift', 'null_rate', 'new_providers'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** The figure a check compared: input rows, an amount column's mean or median, a null rate, the share of new providers. */
export type AnomalyMetric = 'rows' | 'mean' | 'median' | 'null_rate' | 'new_share';

export interface AnomalyCheck {
  kind: AnomalyKind;
  /** The column checked; null for volume and new providers. */
  column: string | null;
  metric: AnomalyMetric;
  /** How unusual the run is, in robust standard deviations (≥ 0, 4 decimals). */
  score: number;
  /** The run's figure. */
  value: number;
  baseline: RobustBaseline;
  /** True when score ≥ the threshold: the check found an anomaly. */
  flagged: boolean;
  message: string;
}

export type Anomaly = AnomalyCheck & { flagged: true };

export interface AnomalyDetection {
  /** The flagged checks, highest score first. */
  anomalies: Anomaly[];
  /** Every check made, flagged or not, in a stable order (volume, amounts, null rates, providers). */
  checks: AnomalyCheck[];
  /** Previous runs the baseline was taken from. */
  historyRuns: number;
  /** Why nothing was checked (too little history), else null. */
  note: string | null;
}

export interface AnomalyOptions {
  /** Previous runs needed before anything is judged (default 3). */
  minHistory?: number;
  /** Modified z-score from which a check is an anomaly (default 3.5, after Iglewicz and Hoaglin). */
  threshold?: number;
  /** Previous runs used at most, newest first (default 20). */
  maxHistory?: number;
}

export const DEFAULT_ANOMALY_THRESHOLD = 3.5;
export const DEFAULT_MIN_HISTORY = 3;
export const DEFAULT_MAX_HISTORY = 20;

/** A stable history may vary by this share of its median before a run is unusual (volume, amounts). */
const RELATIVE_FLOOR = 0.05;
/** The same for rates (null rates, share of new providers), in absolute terms. */
const RATE_FLOOR = 0.02;

interface Spec {
  kind: AnomalyKind;
  column: string | null;
  metric: AnomalyMetric;
  value: number;
  history: number[];
  floor: (baseline: RobustBaseline) => number;
  /** Two-sided checks flag drops as well as rises; one-sided ones only rises. */
  twoSided: boolean;
  label: string;
  format: (value: number) => string;
}

/**
 * Compares a run's metrics with the previous runs of the same table (newest first) and scores
 * each figure by its robust z-score against their median and MAD:
 *
 * - volume: input rows (two-sided; scale floor 5% of the median, at least 1 row);
 * - amount_shift: each amount column's mean and median, the larger score counts (two-sided;
 *   floor 5% of the median, at least 0.01);
 * - null_rate: each column's null rate, rises only (floor 0.02);
 * - new_providers: new providers / distinct providers, rises only (floor 0.02).
 *
 * With fewer than `minHistory` previous runs nothing is judged; a column is judged only when at
 * least `minHistory` previous runs measured it.
 */
export function detectAnomalies(current: RunMetrics, history: readonly RunMetrics[], options: AnomalyOptions = {}): AnomalyDetection {
  const minHistory = options.minHistory ?? DEFAULT_MIN_HISTORY;
  const threshold = options.threshold ?? DEFAULT_ANOMALY_THRESHOLD;
  const previous = history.slice(0, options.maxHistory ?? DEFAULT_MAX_HISTORY);
  if (previous.length < minHistory) {
    return {
      anomalies: [],
      checks: [],
      historyRuns: previous.length,
      note: `insufficient history: ${previous.length} previous run${previous.length === 1 ? '' : 's'} of this table, at least ${minHistory} needed for a baseline`,
    };
  }

  const checks: AnomalyCheck[] = [];
  const add = (specs: Spec[]) => {
    const scored = specs.filter((spec) => spec.history.length >= minHistory).map((spec) => score(spec, threshold));
    if (scored.length > 0) checks.push(scored.reduce((best, check) => (check.score > best.score ? check : best)));
  };

  add([
    {
      kind: 'volume',
      column: null,
      metric: 'rows',
      value: current.rows.input,
      history: previous.map((run) => run.rows.input),
      floor: (b) => Math.max(RELATIVE_FLOOR * Math.abs(b.median), 1),
      twoSided: true,
      label: 'input rows',
      format: formatNumber,
    },
  ]);

  for (const [column, amount] of sortedEntries(current.profile.amounts)) {
    add(
      (['mean', 'median'] as const).flatMap((metric): Spec[] => {
        const value = amount[metric];
        if (value === null || amount.count === 0) return [];
        return [
          {
            kind: 'amount_shift',
            column,
            metric,
            value,
            history: previous.flatMap((run) => {
              const past = run.profile.amounts[column];
              const figure = past && past.count > 0 ? past[metric] : null;
              return figure === null ? [] : [figure];
            }),
            floor: (b) => Math.max(RELATIVE_FLOOR * Math.abs(b.median), 0.01),
            twoSided: true,
            label: `${metric} of ${column}`,
            format: formatNumber,
          },
        ];
      }),
    );
  }

  for (const [column, rate] of sortedEntries(current.profile.nullRates)) {
    add([
      {
        kind: 'null_rate',
        column,
        metric: 'null_rate',
        value: rate,
        history: previous.flatMap((run) => {
          const past = run.profile.nullRates[column];
          return past === undefined ? [] : [past];
        }),
        floor: () => RATE_FLOOR,
        twoSided: false,
        label: `null rate of ${column}`,
        format: formatPercent,
      },
    ]);
  }

  add([
    {
      kind: 'new_providers',
      column: null,
      metric: 'new_share',
      value: newShare(current),
      history: previous.map(newShare),
      floor: () => RATE_FLOOR,
      twoSided: false,
      label: 'share of new providers',
      format: formatPercent,
    },
  ]);

  const anomalies = checks.filter((check): check is Anomaly => check.flagged).sort((a, b) => b.score - a.score);
  return { anomalies, checks, historyRuns: previous.length, note: null };
}

function score(spec: Spec, threshold: number): AnomalyCheck {
  const baseline = robustBaseline(spec.history);
  const z = robustZ(spec.value, baseline, spec.floor(baseline));
  const value = round(spec.twoSided ? Math.abs(z) : Math.max(z, 0), 4);
  const direction = spec.value >= baseline.median ? 'above' : 'below';
  return {
    kind: spec.kind,
    column: spec.column,
    metric: spec.metric,
    score: value,
    value: spec.value,
    baseline,
    flagged: value >= threshold,
    message:
      `${spec.label} is ${spec.format(spec.value)}, ${direction} the median ${spec.format(baseline.median)} ` +
      `of the previous ${baseline.runs} runs (robust z ${value.toFixed(1)})`,
  };
}

function newShare(run: RunMetrics): number {
  const { distinct, new: fresh } = run.profile.providers;
  return distinct > 0 ? fresh / distinct : 0;
}

function sortedEntries<T>(record: Record<string, T>): Array<[string, T]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function formatNumber(value: number): string {
  return String(round(value, 2));
}

function formatPercent(value: number): string {
  return `${round(value * 100, 1)}%`;
}

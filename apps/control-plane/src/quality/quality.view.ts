import type { QualityAnomalyRecord } from './quality-anomaly.entity';
import type { QualityReportRecord } from './quality-report.entity';
import type { TrendPointRow } from './quality-reports.repository';

export function anomalyView(anomaly: QualityAnomalyRecord) {
  return {
    kind: anomaly.kind,
    column: anomaly.columnName,
    metric: anomaly.metric,
    score: anomaly.score,
    value: anomaly.value,
    baseline: { median: anomaly.baselineMedian, mad: anomaly.baselineMad, runs: anomaly.baselineRuns },
    message: anomaly.message,
  };
}

/** An anomaly listed on its own, with the run and table it belongs to. */
export function listedAnomalyView(anomaly: QualityAnomalyRecord) {
  return { id: anomaly.id, runId: anomaly.runId, table: anomaly.tableName, measuredAt: anomaly.measuredAt, ...anomalyView(anomaly) };
}

export function reportView(record: QualityReportRecord, anomalies: QualityAnomalyRecord[]) {
  return {
    id: record.id,
    runId: record.runId,
    pipelineId: record.pipelineId,
    attempt: record.attempt,
    table: record.tableName,
    measuredAt: record.measuredAt,
    rows: {
      input: record.rowsInput,
      silver: record.rowsSilver,
      quarantined: record.rowsQuarantined,
      warned: record.rowsWarned,
      repaired: record.rowsRepaired,
    },
    scores: {
      completeness: record.scoreCompleteness,
      validity: record.scoreValidity,
      uniqueness: record.scoreUniqueness,
      consistency: record.scoreConsistency,
      overall: record.scoreOverall,
    },
    expectations: record.report.expectations,
    repairs: record.report.repairs,
    profile: record.report.profile,
    /** The public layout the run's files were read as; null when read by column names or before layouts existed. */
    layout: record.report.layout ?? null,
    /** For a mixed medical-claim file: the lines of each other claim form, left to that form's pipeline. */
    routed: record.report.routed ?? [],
    history: { runs: record.historyRuns, note: record.anomalyNote },
    checks: record.anomalyChecks,
    anomalies: anomalies.map(anomalyView),
  };
}

/** Per UTC day: how many runs, their rows, and their mean and lowest overall score. */
export function dailyTrend(points: TrendPointRow[]) {
  const days = new Map<string, TrendPointRow[]>();
  for (const point of points) {
    const date = new Date(point.measuredAt).toISOString().slice(0, 10);
    days.set(date, [...(days.get(date) ?? []), point]);
  }
  return [...days].map(([date, runs]) => {
    const overall = runs.map((run) => run.scores.overall);
    const sum = (pick: (run: TrendPointRow) => number) => runs.reduce((total, run) => total + pick(run), 0);
    return {
      date,
      runs: runs.length,
      rows: { input: sum((r) => r.rows.input), silver: sum((r) => r.rows.silver), quarantined: sum((r) => r.rows.quarantined) },
      overall: { mean: Math.round((sum((r) => r.scores.overall) / runs.length) * 10_000) / 10_000, min: Math.min(...overall) },
      anomalyCount: sum((r) => r.anomalyCount),
    };
  });
}

/** One run's report in a pipeline's history: what was read, and how it scored. */
export function pipelineReportView(record: QualityReportRecord) {
  return {
    runId: record.runId,
    attempt: record.attempt,
    table: record.tableName,
    measuredAt: record.measuredAt,
    layout: record.report.layout ?? null,
    rows: { input: record.rowsInput, silver: record.rowsSilver, quarantined: record.rowsQuarantined },
    overall: record.scoreOverall,
  };
}

import type { AlertKind } from './alert.entity';

export interface Thresholds {
  minQuality: number | null;
  maxAnomaly: number | null;
  maxDrop: number | null;
}

/**
 * What a table nobody set thresholds for is judged by, so a collapse alerts without
 * configuration: an overall score under 0.5, or one more than 0.2 below the previous run's.
 * A table's own thresholds (PUT /v1/quality/alerts/:table) start from these and then replace them.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { minQuality: 0.5, maxAnomaly: null, maxDrop: 0.2 };

export interface AlertDraft {
  kind: AlertKind;
  /** Numbers only. */
  detail: Record<string, number>;
}

/**
 * The alerts a run's report raises under a table's thresholds: its overall score below
 * `minQuality`, more than `maxDrop` below the table's previous run (`previousOverall`, null for a
 * first run), and any of its anomalies (checks that scored at least 3.5) above `maxAnomaly`.
 */
export function alertsFor(overall: number, anomalies: ReadonlyArray<{ score: number }>, thresholds: Thresholds | null, previousOverall: number | null = null): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  if (thresholds?.minQuality != null && overall < thresholds.minQuality) {
    drafts.push({ kind: 'quality_below_threshold', detail: { overall, minQuality: thresholds.minQuality } });
  }
  if (thresholds?.maxDrop != null && previousOverall !== null && previousOverall - overall > thresholds.maxDrop) {
    drafts.push({ kind: 'quality_dropped', detail: { overall, previousOverall, drop: previousOverall - overall, maxDrop: thresholds.maxDrop } });
  }
  if (thresholds?.maxAnomaly != null) {
    const above = anomalies.filter((anomaly) => anomaly.score > thresholds.maxAnomaly!);
    if (above.length > 0) {
      drafts.push({
        kind: 'anomaly_above_threshold',
        detail: { maxScore: Math.max(...above.map((a) => a.score)), maxAnomaly: thresholds.maxAnomaly, anomalies: above.length },
      });
    }
  }
  return drafts;
}

/** One alert per tenant, table, run and kind, however often the run's report arrives. */
export function alertDedupeKey(tenantId: string, table: string, runId: string, kind: AlertKind): string {
  return `${tenantId}:${table}:${runId}:${kind}`;
}

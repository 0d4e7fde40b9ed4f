import type { AlertKind } from './alert.entity';

export interface Thresholds {
  minQuality: number | null;
  maxAnomaly: number | null;
}

export interface AlertDraft {
  kind: AlertKind;
  /** Numbers only. */
  detail: Record<string, number>;
}

/**
 * The alerts a run's report raises under a table's thresholds: its overall score below
 * `minQuality`, and any of its anomalies (checks that scored at least 3.5) above `maxAnomaly`.
 */
export function alertsFor(overall: number, anomalies: ReadonlyArray<{ score: number }>, thresholds: Thresholds | null): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  if (thresholds?.minQuality != null && overall < thresholds.minQuality) {
    drafts.push({ kind: 'quality_below_threshold', detail: { overall, minQuality: thresholds.minQuality } });
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

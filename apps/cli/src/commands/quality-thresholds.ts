/** A table's alert thresholds as the API shows them (null: not set). */
export interface Thresholds {
  table: string;
  minQuality: number | null;
  maxAnomaly: number | null;
  updatedAt: string | null;
}

export function describeThresholds(t: Thresholds): string {
  if (t.minQuality === null && t.maxAnomaly === null) return `Alert thresholds for ${t.table}: none set (see \`ade quality alerts\`)`;
  const parts = [t.minQuality !== null ? `min quality ${t.minQuality}` : '', t.maxAnomaly !== null ? `max anomaly ${t.maxAnomaly}` : ''].filter(Boolean);
  return `Alert thresholds for ${t.table}: ${parts.join(', ')}`;
}

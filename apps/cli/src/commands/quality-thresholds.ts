/** A table's alert thresholds as the API shows them (null: off), its own or the platform's defaults. */
export interface Thresholds {
  table: string;
  source: 'table' | 'default';
  minQuality: number | null;
  maxAnomaly: number | null;
  maxDrop: number | null;
  updatedAt: string | null;
}

export function describeThresholds(t: Thresholds): string {
  const parts = [
    t.minQuality !== null ? `min quality ${t.minQuality}` : '',
    t.maxDrop !== null ? `max drop ${t.maxDrop}` : '',
    t.maxAnomaly !== null ? `max anomaly ${t.maxAnomaly}` : '',
  ].filter(Boolean);
  const origin = t.source === 'default' ? ' (the defaults; set your own with `ade quality alerts TABLE --min-quality ...`)' : '';
  return `Alert thresholds for ${t.table}: ${parts.length > 0 ? parts.join(', ') : 'all off'}${origin}`;
}

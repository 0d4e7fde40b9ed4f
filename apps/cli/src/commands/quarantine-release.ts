/** A release of quarantined rows as the API shows it (GET /v1/quality/quarantine/releases/:id). */
export interface Release {
  id: string;
  pipelineId: string | null;
  table: string;
  filter: { rules?: string[]; runId?: string };
  status: 'queued' | 'succeeded' | 'failed';
  examined: number;
  released: number;
  byRule: Array<{ rule: string; released: number }>;
  error: { code: string; message: string } | null;
  requestedAt: string;
  finishedAt: string | null;
}

export function describeFilter(filter: Release['filter']): string {
  const parts = [filter.rules?.length ? `rules ${filter.rules.join(', ')}` : '', filter.runId ? `run ${filter.runId}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : 'all rules';
}

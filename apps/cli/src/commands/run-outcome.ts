import { ApiError, type ApiClient } from '../api-client';

/** What a finished run did past bronze: its rows judged into silver and quarantine, and gold tables refreshed. */
export interface RunOutcome {
  table: string;
  input: number;
  silver: number;
  quarantined: number;
  gold: Array<{ table: string; rows: number }>;
}

interface QualityOfRun {
  items: Array<{ table: string; rows: { input: number; silver: number; quarantined: number } }>;
}

interface Lineage {
  edges: Array<{ target: string; runId: string; rows: number }>;
}

/**
 * The run's quality report (GET /v1/quality/runs/:id) and the gold edges of its lineage; null when
 * the run judged nothing (no rows landed, so no report).
 */
export async function runOutcome(client: ApiClient, runId: string): Promise<RunOutcome | null> {
  const quality = await client.get<QualityOfRun>(`/v1/quality/runs/${runId}`).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });
  const report = quality?.items[0];
  if (!report) return null;
  const lineage = await client.get<Lineage>(`/v1/lineage?table=${encodeURIComponent(report.table)}`);
  const gold = new Map<string, number>();
  for (const edge of lineage.edges) {
    const table = edge.target.replace(/^table:/, '');
    if (edge.runId === runId && table.split('.')[1] === 'gold') gold.set(table, (gold.get(table) ?? 0) + edge.rows);
  }
  return { table: report.table, ...report.rows, gold: [...gold].map(([table, rows]) => ({ table, rows })) };
}

/** A run whose every judged row went to quarantine: it succeeded as a job, and produced nothing. */
export function quarantinedEverything(outcome: RunOutcome | null): boolean {
  return outcome !== null && outcome.input > 0 && outcome.silver === 0 && outcome.quarantined >= outcome.input;
}

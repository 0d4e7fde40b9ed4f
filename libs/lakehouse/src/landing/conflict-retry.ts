import { setTimeout as sleep } from 'node:timers/promises';
import { LakehouseError } from '../errors';

/**
 * Runs `attempt` again when it lost a write race. The retry re-reads state (the checkpoint, the
 * table) so it usually ends as `already_ingested` or as a plain append. DuckDB can report the
 * duplicate checkpoint key while the winner is still committing, so each retry first waits a
 * little longer. After `attempts` tries the conflict goes to the caller, which may retry the job.
 */
export async function withConflictRetry<T>(attempts: number, attempt: () => Promise<T>, pauseMs = 50): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= attempts || !(error instanceof LakehouseError) || error.kind !== 'conflict' || !error.retryable) throw error;
      await sleep(pauseMs * tried);
    }
  }
}

import type { FailureClass, HealingAction } from '@ade/contracts';

export interface HealingDecision {
  action: HealingAction;
  /** Whether the queue should deliver the job again. */
  retry: boolean;
}

/**
 * What to do about a failure, by class. A failure tied to one file that cannot be read quarantines
 * that file and the run goes on; transient and unknown failures retry with backoff; resource
 * failures retry with less parallelism; configuration and schema failures fail at once, since the
 * same job would fail the same way. Nothing retries past the job's attempts: never forever.
 */
export function decideHealing(failureClass: FailureClass, scope: 'file' | 'run', attempt: number, maxAttempts: number): HealingDecision {
  if (scope === 'file' && failureClass === 'data') return { action: 'quarantine_file', retry: false };
  if (failureClass === 'configuration' || failureClass === 'schema' || failureClass === 'data') return { action: 'fail_fast', retry: false };
  if (attempt >= maxAttempts) return { action: 'give_up', retry: false };
  return { action: failureClass === 'resource' ? 'retry_smaller_batch' : 'retry', retry: true };
}

import { UnrecoverableError } from 'bullmq';
import type { RunFailure } from '@ade/contracts';

/**
 * The error to hand back to BullMQ: a failure the policy will not retry becomes
 * UnrecoverableError so the queue spends no attempts on it. The message is the classified,
 * PHI-free one, prefixed with its code so the next delivery can tell what went wrong before.
 */
export function errorForQueue(failure: RunFailure, retry: boolean): Error {
  const message = `${failure.code}: ${failure.message}`;
  return retry ? new Error(message) : new UnrecoverableError(message);
}

/** The failure code a previous delivery ended with, read back from the job's failed reason. */
export function previousFailureCode(failedReason: string | undefined): string | undefined {
  return failedReason ? /^([a-z_]+):/.exec(failedReason)?.[1] : undefined;
}

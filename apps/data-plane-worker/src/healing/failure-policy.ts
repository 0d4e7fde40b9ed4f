import { UnrecoverableError } from 'bullmq';
import type { JobContext } from '../jobs/job-handler.decorator';
import type { ClassifiedFailure } from './failure-classifier';

/** Whether the queue will deliver this job again after this failure. */
export function willRetry(classified: ClassifiedFailure, context: JobContext): boolean {
  return classified.retryable && context.attempt < context.maxAttempts;
}

/**
 * The error to hand back to BullMQ: a non-retryable failure becomes UnrecoverableError so the
 * queue does not waste attempts on it. The message is the classified, PHI-free one.
 */
export function errorForQueue(classified: ClassifiedFailure): Error {
  const message = `${classified.failure.code}: ${classified.failure.message}`;
  return classified.retryable ? new Error(message) : new UnrecoverableError(message);
}
